import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

// protomaps-leaflet builds its layer class on the global `L` when leafletLayer() is called.
(window as unknown as { L: typeof L }).L = L;

export { L };
