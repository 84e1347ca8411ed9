// The console's live views (issue 16): follows /console/events over Server-Sent Events and puts each
// row it gets in place by its key, so that an event seen twice shows once. The browser's EventSource
// reconnects by itself, sending the last event id (Last-Event-ID); when it gives up (the gateway
// restarted), a new connection asks for what came after the last event this page showed.
'use strict';

(function () {
  const status = document.querySelector('[data-live]');
  if (!status) return;
  let after = status.dataset.after || '';
  let source = null;

  const show = (online) => {
    status.textContent = online ? status.dataset.online : status.dataset.offline;
    status.classList.toggle('offline', !online);
    document.body.dataset.live = online ? 'online' : 'offline';
  };

  /**
   * A row replaces the one with its key; a new one goes on top of its list (a conversation moves
   * there). A part that only replaces itself (`replace`: a board, a panel) is never added; a map's
   * element (`svg`) is parsed as SVG and a new one joins the map's markers.
   */
  const place = ({ key, html, replace, svg }) => {
    const template = document.createElement('template');
    template.innerHTML = svg ? `<svg xmlns="http://www.w3.org/2000/svg">${html.trim()}</svg>` : html.trim();
    const row = svg ? template.content.firstElementChild && template.content.firstElementChild.firstElementChild : template.content.firstElementChild;
    if (!row) return;
    const existing = document.getElementById(key);
    if (svg) {
      const markers = document.querySelector('[data-markers]');
      if (existing) existing.replaceWith(row);
      else if (markers) markers.append(row);
      return;
    }
    if (replace || (existing && existing.closest('[data-rows="newest-first"]'))) {
      if (existing) existing.replaceWith(row);
      return;
    }
    const list = document.querySelector('[data-rows]');
    if (!list) return;
    if (existing) existing.remove();
    list.prepend(row);
    const empty = document.querySelector('.empty');
    if (empty) empty.remove();
  };

  const connect = () => {
    const url = new URL(status.dataset.live, location.href);
    if (after) url.searchParams.set('after', after);
    source = new EventSource(url);
    source.onopen = () => show(true);
    source.onerror = () => {
      show(false);
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 2000);
    };
    source.addEventListener('rows', (event) => {
      after = event.lastEventId;
      JSON.parse(event.data).rows.forEach(place);
    });
    // The gateway no longer holds everything this page missed: it reads the view again.
    source.addEventListener('resync', () => location.reload());
  };
  connect();
})();
