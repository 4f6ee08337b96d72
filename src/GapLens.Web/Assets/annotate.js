// GapLens serve: the Annotate page. The annotator's name lives in this browser (localStorage); the
// items this tab was given, and where it is among them, live in this tab (sessionStorage), so two
// annotators, or two tabs, never move each other's position.
'use strict';

(() => {
  const $ = id => document.getElementById(id);
  const state = {
    annotator: null, history: [], pos: -1, item: null, timing: null, pending: null, shownAt: 0, reveal: false, busy: false, rubric: [],
  };

  // ---- history of this tab ----------------------------------------------------------------------
  const historyKey = () => 'gaplens.history.' + state.annotator;
  function saveHistory() { sessionStorage.setItem(historyKey(), JSON.stringify({ ids: state.history, pos: state.pos })); }
  function loadHistory() {
    state.history = []; state.pos = -1;
    try {
      const h = JSON.parse(sessionStorage.getItem(historyKey()) || 'null');
      if (h && Array.isArray(h.ids)) {
        state.history = h.ids.filter(GL.isId);
        state.pos = Math.max(-1, Math.min(Number(h.pos) | 0, state.history.length - 1));
      }
    } catch (e) { /* a damaged entry starts afresh */ }
  }
  // This tab's id (kept across reloads of the tab): the server gives each tab items of its own.
  function tabId() {
    let id = sessionStorage.getItem('gaplens.tab');
    if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) { id = GL.requestId().replace(/[^A-Za-z0-9]/g, ''); sessionStorage.setItem('gaplens.tab', id); }
    return id;
  }
  const query = () => '?annotator=' + encodeURIComponent(state.annotator) + (state.reveal ? '&reveal=1' : '');

  // ---- status line -------------------------------------------------------------------------------
  function status(text, kind) {
    const s = $('status');
    s.textContent = text || '';
    s.className = 'status ' + (kind || '');
  }

  // ---- name ---------------------------------------------------------------------------------------
  function askName() {
    $('item').hidden = true; $('empty').hidden = true; $('progress').hidden = true;
    $('name-dialog').hidden = false;
    $('name-input').value = state.annotator || '';
    $('name-input').focus();
  }
  $('name-form').addEventListener('submit', e => {
    e.preventDefault();
    const name = $('name-input').value;
    const problem = GL.nameProblem(name);
    $('name-error').textContent = problem || '';
    if (problem) return;
    GL.setAnnotator(name);
    state.annotator = name.trim();
    $('name-dialog').hidden = true;
    begin();
  });
  $('change-name').addEventListener('click', askName);

  // ---- loading items ------------------------------------------------------------------------------
  async function begin() {
    $('annotator-label').textContent = state.annotator;
    loadHistory();
    try {
      if (state.pos >= 0) {
        try {
          await show(state.history[state.pos]);
        } catch (e) {
          if (e.status !== 404) throw e;
          // This tab's history names items this server does not have (another evaluations folder was
          // served at this address, or the ids changed): start the tab afresh instead of a blank page.
          state.history = []; state.pos = -1; saveHistory();
          await fetchNext(null);
        }
      } else await fetchNext(null);
    } catch (e) { showError(e); }
    refreshProgress();
  }

  async function fetchNext(release) {
    const r = await GL.post('/api/next' + (state.reveal ? '?reveal=1' : ''), { annotator: state.annotator, release, tab: tabId() });
    if (!r.item) {
      if (release && state.history[state.history.length - 1] === release) state.pos = state.history.length;
      saveHistory();
      showEmpty(r.message);
      return;
    }
    if (state.history[state.history.length - 1] !== r.item.id) state.history.push(r.item.id);
    state.pos = state.history.length - 1;
    saveHistory();
    render(r.item);
  }

  async function show(id) {
    const item = await GL.get('/api/items/' + id + query());
    render(item);
  }

  function showEmpty(message) {
    $('item').hidden = true;
    $('empty').hidden = false;
    $('empty-message').textContent = message;
    $('empty-prev').disabled = state.history.length === 0;
    state.item = null;
  }

  function showError(e) {
    if (e.status === 400 && /annotator name/.test(e.message)) { askName(); $('name-error').textContent = e.message; return; }
    status(e.message, 'error');
  }

  function setImage(img, url) {
    if (url) { img.src = url; img.hidden = false; } else { img.removeAttribute('src'); img.hidden = true; }
  }

  function note(p, text) { p.textContent = text || ''; p.hidden = !text; }
  // A picture or video that cannot be shown (a damaged file) says so instead of a broken-image icon.
  $('last-frame-img').addEventListener('error', () => {
    if (!state.item || !state.item.media.last_frame || !$('last-frame-img').src.endsWith(state.item.media.last_frame)) return;
    $('last-frame-img').hidden = true;
    note($('no-last'), 'The video\'s last frame cannot be read: the video file may be damaged or not a video.');
  });
  $('video').addEventListener('error', () => {
    if (!state.item || !state.item.media.video || !$('video').currentSrc.endsWith(state.item.media.video)) return;
    note($('no-video'), 'This video cannot be played: the file may be damaged or in a format the browser cannot decode.');
  });

  function render(item) {
    state.item = item;
    state.timing = null;
    state.pending = null;
    state.shownAt = Date.now();
    $('empty').hidden = true;
    $('item').hidden = false;
    $('item').dataset.id = item.id;
    $('item-title').textContent = item.task_type + ' · ' + item.task_id;
    $('item-experiment').textContent = 'experiment ' + item.experiment;
    const m = $('item-model');
    m.textContent = item.model ? 'model: ' + item.model : 'model hidden';
    m.className = 'model' + (item.model ? '' : ' hidden');
    $('position').textContent = 'item ' + (state.pos + 1) + ' of ' + state.history.length + ' in this tab';
    $('prompt').textContent = item.prompt || '(no prompt)';
    $('goal').hidden = !item.goal;
    $('goal').textContent = item.goal ? 'Goal: ' + item.goal : '';
    setImage($('first-frame'), item.media.first_frame);
    setImage($('final-frame'), item.media.final_frame);
    $('no-final').hidden = !!item.media.final_frame;
    setImage($('last-frame-img'), item.media.last_frame);
    note($('no-last'), item.media.last_frame ? null : 'No video, so no last frame.');
    const v = $('video');
    v.pause();
    if (item.media.video) v.src = item.media.video; else v.removeAttribute('src');
    // An item without a video says so (the model produced none), rather than showing a black box.
    v.hidden = !item.media.video;
    $('video-controls').hidden = !item.media.video;
    note($('no-video'), item.media.video ? null : 'No video in this item\'s folder: the model produced none. Score what is there (a missing video solves nothing), or mark it unsure.');
    v.playbackRate = Number($('speed').value);
    $('frame-info').textContent = '';
    // The annotator's own earlier answer, when they come back to an item.
    document.querySelectorAll('input[name="score"]').forEach(i => { i.checked = false; });
    $('comments').value = '';
    if (item.yours) {
      GL.choose('score', item.yours.unsure ? 'unsure' : String(item.yours.score));
      $('comments').value = item.yours.comments;
      status('Your answer of ' + item.yours.at + ' is shown; submitting again records a new answer that replaces it.', 'muted');
    } else {
      status('');
    }
    updateCount();
    $('prev').disabled = state.pos <= 0;
    if (item.media.video) {
      GL.get('/api/items/' + item.id + '/timing').then(t => {
        if (state.item && state.item.id === item.id) {
          state.timing = t;
          frameInfo();
          // A frame key pressed before the timing arrived acts now.
          if (state.pending) { const p = state.pending; state.pending = null; p(); }
        }
      }).catch(e => { $('frame-info').textContent = e.message; });
    }
    if (document.activeElement && document.activeElement.tagName === 'TEXTAREA') document.activeElement.blur();
  }

  // ---- progress -----------------------------------------------------------------------------------
  async function refreshProgress() {
    try {
      const p = await GL.get('/api/progress' + query());
      const bars = $('bars');
      GL.clear(bars);
      const rows = [p.overall, ...p.by_task_type, ...(p.by_model || []).map(r => ({ ...r, name: 'model ' + r.name }))];
      for (const r of rows) {
        const fill = GL.el('span');
        fill.style.width = Math.round(r.fraction * 100) + '%';
        bars.append(GL.el('span', { text: r.name }), GL.el('div', { className: 'bar', title: r.text }, fill), GL.el('span', { className: 'muted', text: r.text }));
      }
      $('mine').textContent = p.mine;
      $('progress').hidden = false;
    } catch (e) { /* progress is a convenience; the next action reports errors */ }
  }

  // ---- answering ----------------------------------------------------------------------------------
  async function submit() {
    if (!state.item || state.busy) return;
    const choice = GL.chosen('score');
    if (!choice) { status('Choose a score (1-5) or "unsure" first.', 'error'); return; }
    state.busy = true;
    status('Saving…', 'muted');
    const body = {
      item: state.item.id, annotator: state.annotator,
      score: choice === 'unsure' ? null : Number(choice), unsure: choice === 'unsure',
      comments: $('comments').value, time_spent_ms: Date.now() - state.shownAt, blind: !state.reveal, request_id: GL.requestId(),
    };
    try {
      const saved = await GL.postWithRetry('/api/submit', body, 4);
      await forward(false);
      status('Saved your answer (#' + saved.id + ') on the previous item.', 'ok');
      refreshProgress();
    } catch (e) {
      showError(e);
    } finally {
      state.busy = false;
    }
  }

  async function forward(skipping) {
    if (state.pos < state.history.length - 1) {
      state.pos++;
      saveHistory();
      await show(state.history[state.pos]);
    } else {
      await fetchNext(skipping && state.item ? state.item.id : null);
    }
  }

  async function next() {
    if (state.busy) return;
    state.busy = true;
    try {
      // Moving on without submitting hands the item back (someone else may take it).
      const answered = state.item && (state.item.yours || false);
      await forward(!answered);
      refreshProgress();
    } catch (e) { showError(e); } finally { state.busy = false; }
  }

  async function previous() {
    if (state.busy || state.pos <= 0 && state.item) return;
    state.busy = true;
    try {
      state.pos = state.item ? state.pos - 1 : state.history.length - 1;
      saveHistory();
      await show(state.history[state.pos]);
    } catch (e) { showError(e); } finally { state.busy = false; }
  }

  $('score-form').addEventListener('submit', e => { e.preventDefault(); submit(); });
  $('next').addEventListener('click', next);
  $('prev').addEventListener('click', previous);
  $('empty-prev').addEventListener('click', previous);
  function updateCount() { GL.clampComment($('comments'), $('comment-count')); }
  $('comments').addEventListener('input', updateCount);
  $('reveal').addEventListener('change', async () => {
    state.reveal = $('reveal').checked;
    localStorage.setItem('gaplens.reveal', state.reveal ? '1' : '0');
    if (state.item) {
      const keep = { choice: GL.chosen('score'), comments: $('comments').value, shownAt: state.shownAt };
      try { await show(state.item.id); } catch (e) { showError(e); }
      if (keep.choice) GL.choose('score', keep.choice);
      $('comments').value = keep.comments;
      state.shownAt = keep.shownAt;
      updateCount();
    }
    refreshProgress();
  });

  // ---- video --------------------------------------------------------------------------------------
  const video = $('video');
  // A seek lands a hair after a frame's start, so the frame shown is unambiguous.
  const nudge = () => Math.min(0.001, 0.25 / state.timing.fps);
  function frameIndex() {
    const t = state.timing;
    return Math.max(0, Math.min(t.frames - 1, Math.floor((video.currentTime - t.first_frame_time) * t.fps + 1e-3)));
  }
  function seekFrame(i) {
    const t = state.timing;
    video.pause();
    video.currentTime = t.first_frame_time + Math.max(0, Math.min(t.frames - 1, i)) / t.fps + nudge();
  }
  function step(d) {
    if (state.timing) seekFrame(frameIndex() + d);
    else if (state.item && state.item.media.video) state.pending = () => step(d);
  }
  function lastFrame() {
    if (!state.timing) {
      if (state.item && state.item.media.video) state.pending = lastFrame;
      return;
    }
    video.pause();
    video.currentTime = state.timing.last_frame_time + nudge();
  }
  function playPause() { if (video.paused) video.play().catch(() => {}); else video.pause(); }
  function frameInfo() {
    if (!state.timing) return;
    $('frame-info').textContent = 'frame ' + (frameIndex() + 1) + ' / ' + state.timing.frames + ' · ' + video.currentTime.toFixed(3) + ' s · ' +
      (Math.round(state.timing.fps * 100) / 100) + ' fps';
  }
  video.addEventListener('timeupdate', frameInfo);
  video.addEventListener('seeked', frameInfo);
  video.addEventListener('play', () => { $('play').textContent = 'Pause'; });
  video.addEventListener('pause', () => { $('play').textContent = 'Play'; });
  $('play').addEventListener('click', playPause);
  $('frame-back').addEventListener('click', () => step(-1));
  $('frame-forward').addEventListener('click', () => step(1));
  $('last-frame').addEventListener('click', lastFrame);
  $('speed').addEventListener('change', () => { video.playbackRate = Number($('speed').value); });

  // ---- keyboard -----------------------------------------------------------------------------------
  document.addEventListener('keydown', e => {
    if (e.ctrlKey || e.altKey || e.metaKey) {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && state.item) { e.preventDefault(); submit(); }
      return;
    }
    const tag = e.target && e.target.tagName;
    if (tag === 'TEXTAREA' || (tag === 'INPUT' && e.target.type === 'text') || tag === 'SELECT') {
      if (e.key === 'Escape') e.target.blur();
      return;
    }
    if (!$('name-dialog').hidden) return;
    const k = e.key;
    let handled = true;
    if (k >= '1' && k <= '5') GL.choose('score', k);
    else if (k === 'u' || k === 'U') GL.choose('score', 'unsure');
    else if (k === 'Enter') submit();
    else if (k === 'ArrowLeft') previous();
    else if (k === 'ArrowRight') next();
    else if (k === ',') step(-1);
    else if (k === '.') step(1);
    else if (k === 'l' || k === 'L') lastFrame();
    else if (k === ' ') playPause();
    else handled = false;
    if (handled) e.preventDefault();
  });

  // ---- start --------------------------------------------------------------------------------------
  (async () => {
    try {
      const s = await GL.session();
      state.rubric = s.rubric;
      GL.choices($('choices'), 'score', s.rubric);
    } catch (e) { status(e.message, 'error'); $('item').hidden = false; return; }
    state.reveal = localStorage.getItem('gaplens.reveal') === '1';
    $('reveal').checked = state.reveal;
    state.annotator = GL.annotator();
    if (!state.annotator) askName(); else begin();
  })();
})();
