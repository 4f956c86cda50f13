// The map draws only the stored area boundaries (GeoJSON in the figure). plotly.js still asks for
// its world base map (topojson from cdn.plot.ly) before drawing any geo figure; there is no CDN
// here (offline, CSP default-src 'self'), so register an empty base map under the name it asks
// for (layout.geo scope "world", resolution 110). Loaded before plotly.js, which keeps it.
(function () {
  "use strict";
  var assets = window.PlotlyGeoAssets || { topojson: {} };
  assets.topojson = assets.topojson || {};
  if (!assets.topojson.world_110m) {
    assets.topojson.world_110m = { type: "Topology", objects: {}, arcs: [] };
  }
  window.PlotlyGeoAssets = assets;
})();
