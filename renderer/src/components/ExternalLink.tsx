import type { ReactNode } from 'react';
import { atlas } from '../atlas';

/**
 * A link that leaves the app (tel:, mailto:, a website). The click goes to the main process, which checks
 * the URL and hands it to the system; the page itself never navigates.
 */
export function ExternalLink({ href, children, className }: { href: string; children: ReactNode; className?: string }) {
  return (
    <a
      href={href}
      className={className}
      onClick={(event) => {
        event.preventDefault();
        void atlas().openExternal({ url: href });
      }}
    >
      {children}
    </a>
  );
}
