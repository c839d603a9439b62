/** Where the browser tests' stand-in preload opens its socket on the renderer server (atlas-socket.ts, bridge-entry.ts). */
export const SOCKET_PATH = '/atlas';
