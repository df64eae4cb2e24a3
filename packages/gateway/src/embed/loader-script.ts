/**
 * /embed/loader.js, for the page that hosts chiso iframes: sets each iframe's height from the
 * messages the embed page posts (Datawrapper's `{"datawrapper-height": {"<id>": px}}` or ours,
 * `{"chiso-embed": {"id", "height"}}`), so the chart is never cut off or boxed in white space.
 */
export const loaderScript = `(function () {
  if (window.__chisoEmbedLoader) return;
  window.__chisoEmbedLoader = true;
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (typeof data === 'string') { try { data = JSON.parse(data); } catch (e) { return; } }
    if (!data || typeof data !== 'object') return;
    var sizes = {};
    if (data['chiso-embed'] && data['chiso-embed'].id) sizes[data['chiso-embed'].id] = data['chiso-embed'].height;
    else if (data['datawrapper-height']) sizes = data['datawrapper-height'];
    for (var id in sizes) {
      var frames = document.querySelectorAll('iframe[data-chiso-embed="' + id + '"]');
      for (var i = 0; i < frames.length; i++) {
        if (frames[i].contentWindow === event.source && sizes[id] > 0) frames[i].style.height = Math.ceil(sizes[id]) + 'px';
      }
    }
  });
})();
`;
