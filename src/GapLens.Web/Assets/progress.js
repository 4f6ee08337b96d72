// GapLens serve: the Progress page (counts and agreement so far, as a report).
'use strict';

(() => {
  const box = document.getElementById('report');
  async function load() {
    try {
      GL.renderReport(box, await GL.get('/api/report/progress'));
    } catch (e) {
      GL.clear(box);
      box.append(GL.el('p', { className: 'error', text: e.message }));
    }
  }
  document.getElementById('refresh').addEventListener('click', load);
  load();
})();
