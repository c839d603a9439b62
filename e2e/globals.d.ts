import type { AtlasApi } from '../shared/ipc-contract';

// Code passed to page.evaluate runs in the renderer, where the bridge defines window.atlas.
declare global {
  interface Window {
    atlas: AtlasApi;
  }
}
