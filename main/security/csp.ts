/**
 * The renderer's Content-Security-Policy. Nothing may load from outside the app unless the user turned
 * on online street tiles, and then only from that tile host.
 */
export function contentSecurityPolicy(options: { tileOrigin?: string | null } = {}): string {
  const img = ["'self'", 'data:', 'blob:'];
  if (options.tileOrigin) img.push(options.tileOrigin);
  return [
    "default-src 'none'",
    "script-src 'self'",
    // Leaflet positions tiles and markers with inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    `img-src ${img.join(' ')}`,
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
