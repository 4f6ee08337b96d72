// GapLens serve: helpers shared by the pages. Every text from the server is set with textContent
// (never parsed as HTML), so a comment like <script>alert(1)</script> shows as typed.
'use strict';

const GL = (() => {
  let session = null;

  class ApiError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  async function request(method, url, body) {
    const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.headers['X-GapLens-Csrf'] = session ? session.csrf : '';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, init);
    } catch (e) {
      throw new ApiError(0, 'the server cannot be reached (is gaplens serve still running?)');
    }
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok) throw new ApiError(response.status, (data && data.error) || ('HTTP ' + response.status));
    return data;
  }

  // Retries a change that may not have reached the server (network error, 503); the request id in
  // the body makes a repeated submission land once.
  async function postWithRetry(url, body, tries) {
    let wait = 300;
    for (let attempt = 1; ; attempt++) {
      try {
        return await request('POST', url, body);
      } catch (e) {
        if (attempt >= tries || !(e.status === 0 || e.status === 503)) throw e;
        await new Promise(r => setTimeout(r, wait));
        wait *= 2;
      }
    }
  }

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === 'text') node.textContent = v;
        else if (k === 'className') node.className = v;
        else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  // The server counts a comment in characters (code points), as Array.from does; a textarea's
  // maxlength counts UTF-16 units, which capped emoji-heavy text at half the length. Keeps the
  // first `max` characters and says how many there are.
  const maxComment = 4000;
  function clampComment(area, counter) {
    const chars = Array.from(area.value);
    if (chars.length > maxComment) {
      const at = area.selectionStart;
      area.value = chars.slice(0, maxComment).join('');
      area.setSelectionRange(Math.min(at, area.value.length), Math.min(at, area.value.length));
    }
    if (counter) counter.textContent = Math.min(chars.length, maxComment) + ' / ' + maxComment;
  }

  // 1-64 printable characters, as the server checks (it has the last word).
  function nameProblem(name) {
    const chars = Array.from(name.trim());
    if (chars.length < 1 || chars.length > 64) return 'A name has 1 to 64 characters.';
    // Zero-width (non-)joiners are part of emoji and of Persian or Indic names; other format characters are not.
    if (/(?![\u200C\u200D])[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u.test(name)) return 'Only printable characters, please.';
    return null;
  }

  function choices(container, name, rubric, onChange) {
    clear(container);
    const levels = rubric.map(r => ({ value: String(r.score), n: String(r.score), label: r.label }));
    levels.push({ value: 'unsure', n: '?', label: 'unsure (cannot tell)' });
    for (const lv of levels) {
      const input = el('input', { type: 'radio', name, value: lv.value, id: name + '-' + lv.value });
      if (onChange) input.addEventListener('change', onChange);
      container.append(el('label', { className: 'choice' + (lv.value === 'unsure' ? ' unsure' : ''), for: name + '-' + lv.value },
        input, el('span', { className: 'n', text: lv.n }), el('span', { className: 't', text: lv.label })));
    }
  }

  function chosen(name) {
    const c = document.querySelector('input[name="' + name + '"]:checked');
    return c ? c.value : null;
  }

  function choose(name, value) {
    const c = document.getElementById(name + '-' + value);
    if (c) c.checked = true;
  }

  function table(head, rows, numeric) {
    const t = el('table');
    const tr = el('tr');
    head.forEach((h, i) => tr.append(el('th', { className: numeric && numeric[i] ? 'num' : null, text: h })));
    t.append(el('thead', null, tr));
    const body = el('tbody');
    for (const r of rows) {
      const row = el('tr');
      r.forEach((c, i) => {
        const td = el('td', { className: numeric && numeric[i] ? 'num' : null });
        if (c && typeof c === 'object' && c.tone) td.append(el('span', { className: 'badge ' + c.tone, text: c.text }));
        else td.textContent = c && typeof c === 'object' ? c.text : String(c);
        row.append(td);
      });
      body.append(row);
    }
    t.append(body);
    return t;
  }

  // A report of the report model (numbers already written by its formats).
  function renderReport(container, doc) {
    clear(container);
    container.append(el('h1', { text: doc.title }));
    if (doc.subtitle) container.append(el('p', { className: 'muted', text: doc.subtitle }));
    if (doc.verdict) {
      const v = el('div', { className: 'verdict ' + (doc.verdict_tone || '') }, el('strong', { text: doc.verdict }));
      for (const p of doc.points || []) v.append(el('p', { text: p }));
      container.append(v);
    }
    for (const s of doc.sections) {
      const sec = el('section', { id: s.id }, el('h2', { text: s.title }));
      for (const b of s.blocks) {
        if (b.type === 'paragraph') sec.append(el('p', { className: b.legend ? 'legendtext' : null, text: b.text }));
        else if (b.type === 'metrics') {
          const m = el('div', { className: 'metrics' });
          for (const x of b.metrics) {
            // An undefined value comes as "n/a (reason)": the reason in small type beside it.
            const na = /^n\/a \((.*)\)$/s.exec(x.value);
            m.append(el('div', { className: 'metric', 'data-id': x.id },
              el('div', { className: 'l', text: x.label }),
              el('div', null, el('span', { className: 'v', text: na ? 'n/a' : x.value }), ' ', el('span', { className: 'i', text: na ? na[1] : x.interval || '' })),
              el('div', { className: 'l', text: [x.direction, x.legend].filter(Boolean).join('; ') })));
          }
          sec.append(m);
        } else if (b.type === 'table') {
          const t = table(b.table.headers, b.table.rows, b.table.numeric);
          t.id = b.table.id;
          if (b.table.caption) t.prepend(el('caption', { text: b.table.caption }));
          sec.append(t);
          if (b.table.legend) sec.append(el('p', { className: 'legendtext', text: b.table.legend }));
        }
      }
      container.append(sec);
    }
  }

  return {
    ApiError,
    async session() {
      if (!session) {
        session = await request('GET', '/api/session');
        // Review and Progress are for reviewers only (the server refuses them to annotators).
        if (!session.reviewer) {
          for (const a of document.querySelectorAll('nav a[href="/review"], nav a[href="/progress"]')) a.remove();
        }
      }
      return session;
    },
    get: url => request('GET', url),
    post: (url, body) => request('POST', url, body),
    postWithRetry,
    el, clear, nameProblem, choices, chosen, choose, table, renderReport, clampComment,
    annotator: () => { const n = localStorage.getItem('gaplens.annotator'); return n && !nameProblem(n) ? n.trim() : null; },
    setAnnotator: n => localStorage.setItem('gaplens.annotator', n.trim()),
    requestId: () => (crypto.randomUUID ? crypto.randomUUID() : Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('')),
    isId: id => typeof id === 'string' && /^[0-9a-f]{12}$/.test(id),
  };
})();
