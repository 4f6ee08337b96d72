// GapLens serve: the Review page. Items ranked by disagreement; one item with every answer, the
// judges' explanations and raw replies; a reviewer adds a score with a note (a new submission).
'use strict';

(() => {
  const $ = id => document.getElementById(id);
  let current = null;
  let reviewer = GL.annotator();
  $('annotator-label').textContent = reviewer || '(asked when you add a score)';

  function filtersQuery() {
    const q = new URLSearchParams();
    if ($('model').value) q.set('model', $('model').value);
    if ($('task-type').value) q.set('task_type', $('task-type').value);
    return q.toString() ? '?' + q.toString() : '';
  }

  function fillSelect(select, values) {
    if (select.options.length > 1) return;
    for (const v of values) select.append(GL.el('option', { value: v, text: v }));
  }

  async function loadList() {
    const doc = await GL.get('/api/review' + filtersQuery());
    fillSelect($('model'), doc.models);
    fillSelect($('task-type'), doc.task_types);
    $('count').textContent = doc.total + ' item(s) with a human answer or a judge\'s score' + (doc.rows.length < doc.total ? ', the first ' + doc.rows.length + ' shown' : '');
    const body = $('list').tBodies[0];
    GL.clear(body);
    for (const r of doc.rows) {
      const tr = GL.el('tr', { className: 'clickable' + (current === r.id ? ' selected' : ''), 'data-id': r.id, onclick: () => open(r.id) },
        GL.el('td', { className: 'num', text: String(r.disagreement) }), GL.el('td', { text: r.model }),
        GL.el('td', { text: r.task_type + ' · ' + r.task_id }), GL.el('td', { text: r.why }),
        GL.el('td', { className: 'text', text: r.humans }), GL.el('td', { text: r.judges }));
      body.append(tr);
    }
  }

  function setImage(img, url) { if (url) { img.src = url; img.hidden = false; } else { img.removeAttribute('src'); img.hidden = true; } }

  async function open(id) {
    if (!GL.isId(id)) return;
    current = id;
    history.replaceState(null, '', '#' + id);
    document.querySelectorAll('#list tr.selected').forEach(t => t.classList.remove('selected'));
    const row = document.querySelector('#list tr[data-id="' + id + '"]');
    if (row) row.classList.add('selected');
    const d = await GL.get('/api/review/' + id);
    const it = d.item;
    $('detail').hidden = false;
    $('d-title').textContent = it.task_type + ' · ' + it.task_id + ' (' + it.experiment + ')';
    $('d-model').textContent = 'model: ' + it.model;
    $('d-prompt').textContent = it.prompt;
    setImage($('d-first'), it.media.first_frame);
    setImage($('d-final'), it.media.final_frame);
    setImage($('d-last'), it.media.last_frame);
    if (it.media.video) $('d-video').src = it.media.video; else $('d-video').removeAttribute('src');
    $('d-consensus').textContent = 'Consensus: ' + d.consensus;
    const log = $('d-log').tBodies[0];
    GL.clear(log);
    if (d.log.length === 0) log.append(GL.el('tr', null, GL.el('td', { colspan: 7, className: 'muted', text: 'No human answer yet.' })));
    for (const s of d.log) {
      log.append(GL.el('tr', null, GL.el('td', { className: 'text', text: s.annotator }), GL.el('td', { text: s.answer }), GL.el('td', { className: 'text', text: s.comments }),
        GL.el('td', { text: s.at }), GL.el('td', { text: s.source }), GL.el('td', { className: 'num', text: s.time_spent || '' }), GL.el('td', { text: s.blind })));
    }
    const judges = $('d-judges');
    GL.clear(judges);
    if (d.judges.length === 0) judges.append(GL.el('p', { className: 'muted', text: 'No judge has scored this item.' }));
    for (const j of d.judges) {
      const card = GL.el('div', { className: 'judge panel' },
        GL.el('strong', { text: j.evaluator + ': ' + (j.score !== null ? j.score : j.status) }),
        j.needs_review ? GL.el('span', { className: 'badge warning', text: 'needs review' }) : null,
        GL.el('span', { className: 'muted', text: ' · ' + j.at }));
      if (j.frame_scores) card.append(GL.el('p', { className: 'muted', text: 'frame scores: ' + j.frame_scores }));
      if (j.explanation) card.append(GL.el('p', { text: j.explanation }));
      if (j.error) card.append(GL.el('p', { className: 'error', text: j.error }));
      if (j.raw_reply) card.append(GL.el('details', null, GL.el('summary', { text: 'raw reply' }), GL.el('pre', { className: 'raw', text: j.raw_reply })));
      judges.append(card);
    }
    document.querySelectorAll('input[name="review"]').forEach(i => { i.checked = false; });
    $('r-note').value = '';
    $('r-status').textContent = '';
  }

  $('review-form').addEventListener('submit', async e => {
    e.preventDefault();
    const st = $('r-status');
    reviewer = GL.annotator();
    if (!reviewer) {
      // Asked here rather than on the Annotate page, where giving a name hands out an item to score.
      const name = window.prompt('Your name (recorded with the score you add):') || '';
      const problem = GL.nameProblem(name);
      if (problem) { st.textContent = problem; st.className = 'status error'; return; }
      GL.setAnnotator(name);
      reviewer = GL.annotator();
      $('annotator-label').textContent = reviewer;
    }
    const choice = GL.chosen('review');
    if (!choice) { st.textContent = 'Choose a score or "unsure".'; st.className = 'status error'; return; }
    try {
      const saved = await GL.postWithRetry('/api/review/' + current, {
        annotator: reviewer, score: choice === 'unsure' ? null : Number(choice), unsure: choice === 'unsure',
        comments: $('r-note').value, request_id: GL.requestId(),
      }, 4);
      const id = current;
      await loadList();
      await open(id);
      st.textContent = 'Added (#' + saved.id + ').';
      st.className = 'status ok';
    } catch (err) {
      st.textContent = err.message;
      st.className = 'status error';
    }
  });

  $('r-note').addEventListener('input', () => GL.clampComment($('r-note'), null));
  $('model').addEventListener('change', () => loadList().catch(showError));
  $('task-type').addEventListener('change', () => loadList().catch(showError));
  $('refresh').addEventListener('click', () => loadList().catch(showError));
  function showError(e) { $('count').textContent = e.message; $('count').className = 'error'; }

  (async () => {
    try {
      const s = await GL.session();
      GL.choices($('r-choices'), 'review', s.rubric);
      await loadList();
      const id = location.hash.slice(1);
      if (GL.isId(id)) await open(id);
    } catch (e) { showError(e); }
  })();
})();
