// Warta dashboard: pick two actors, see their fused events per period on a time scale, open a period,
// an event, its reports with the evidence highlighted, and the article. No libraries, nothing from
// the network. Everything on screen is drawn from `state` and the data last fetched, so switching the
// language redraws it all and keeps what is selected and open.
'use strict';

const I18N = {
  id: {
    tagline: 'Data peristiwa politik dari berita berbahasa Indonesia',
    search_placeholder: 'Cari artikel dan peristiwa…', search_label: 'Cari', actor_a: 'Aktor', actor_b: 'Mitra',
    all_partners: '— semua mitra —',
    period: 'Periode', month: 'bulan', quarter: 'triwulan', year: 'tahun', week: 'pekan', day: 'hari',
    directed: 'hanya satu arah',
    events_hint: 'Klik sebuah periode untuk melihat peristiwanya', events_of: 'Peristiwa', event_one: 'Peristiwa',
    q1: 'Kerja sama verbal', q2: 'Kerja sama material', q3: 'Konflik verbal', q4: 'Konflik material',
    goldstein: 'rata-rata Goldstein', count_axis: 'peristiwa', no_events: 'Belum ada peristiwa untuk pilihan ini.',
    reports: 'laporan', sources: 'sumber', articles: 'artikel', report: 'laporan', source: 'sumber', article: 'artikel',
    open_article: 'buka artikel', open_event: 'buka peristiwa',
    search_results: 'Hasil pencarian', search_articles: 'Artikel', search_events: 'Peristiwa',
    dropped: 'Baris yang dibuang pembersih', back: 'tutup',
    summary: (n, u) => `${n} peristiwa` + (u ? ` (${u} tanpa tanggal pada resolusi ini)` : ''),
    footer: 'setiap titik dapat ditelusuri ke kalimat yang melaporkannya.',
    nothing_found: 'Tidak ditemukan.', published: 'terbit',
    legend_evidence: 'Penanda bukti:', mark_source: 'pelaku', mark_target: 'sasaran', mark_trigger: 'pemicu',
    mark_date: 'tanggal', mark_event_sentence: 'kalimat yang menghasilkan peristiwa', mark_hit: 'kata yang dicari',
    source_link: 'sumber asli', not_fused: 'belum difusikan',
  },
  en: {
    tagline: 'Political event data from Indonesian news',
    search_placeholder: 'Search articles and events…', search_label: 'Search', actor_a: 'Actor', actor_b: 'Partner',
    all_partners: '— all partners —',
    period: 'Period', month: 'month', quarter: 'quarter', year: 'year', week: 'week', day: 'day',
    directed: 'one direction only',
    events_hint: 'Click a period to see its events', events_of: 'Events', event_one: 'Event',
    q1: 'Verbal cooperation', q2: 'Material cooperation', q3: 'Verbal conflict', q4: 'Material conflict',
    goldstein: 'Goldstein mean', count_axis: 'events', no_events: 'No events for this choice yet.',
    reports: 'reports', sources: 'sources', articles: 'articles', report: 'report', source: 'source', article: 'article',
    open_article: 'open article', open_event: 'open event',
    search_results: 'Search results', search_articles: 'Articles', search_events: 'Events',
    dropped: 'Lines removed by cleaning', back: 'close',
    summary: (n, u) => `${n} events` + (u ? ` (${u} not dated at this resolution)` : ''),
    footer: 'every point traces back to the sentence that reports it.',
    nothing_found: 'Nothing found.', published: 'published',
    legend_evidence: 'Evidence marks:', mark_source: 'source', mark_target: 'target', mark_trigger: 'trigger',
    mark_date: 'date', mark_event_sentence: 'sentence that produced events', mark_hit: 'words searched',
    source_link: 'original source', not_fused: 'not fused yet',
  },
};
const LOCALES = { id: 'id-ID', en: 'en-GB' };
const QUAD_COLORS = { 1: 'var(--q1)', 2: 'var(--q2)', 3: 'var(--q3)', 4: 'var(--q4)' };
const MARKS = ['source', 'target', 'trigger', 'date'];
const DAY = 86400000;
let lang = localStorage.getItem('warta-lang') === 'en' ? 'en' : 'id';
// What is selected and open; `data` holds what was fetched for it, so that a redraw needs no request.
const state = { a: null, b: '', by: 'month', directed: false, view: null, expanded: new Set(), article: null, search: null };
const data = { actors: [], actorNames: {}, cameo: {}, timeline: null, view: null, details: new Map(), article: null, search: null };
const latest = { timeline: 0, view: 0, article: 0, search: 0 };  // a slower answer to an older request is dropped
const $ = (sel) => document.querySelector(sel);
const t = (key, ...args) => { const v = I18N[lang][key]; return typeof v === 'function' ? v(...args) : v; };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v; else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c != null) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

async function api(path) {
  const r = await fetch(path);
  if (!r.ok) throw new Error((await r.json()).detail || r.statusText);
  return r.json();
}

// -- names in the chosen language ---------------------------------------------------------------------

function actorName(code) {
  const n = data.actorNames[code];
  return n ? (lang === 'en' ? n.name_en : n.name_id) : code;
}

function recordActor(side) {  // one side of an event record: its state or organisation, and sector
  const key = side.country || side.igo || side.code || '?';
  return actorName(key) + (side.sector ? ` (${side.sector})` : '');
}

function cameoLabel(code, fallbackName) {  // [name, the root's name when the code's own is not translated]
  const c = data.cameo[code];
  if (!c) return [fallbackName || ''];
  if (lang === 'en') return [c.name];
  if (c.name_id) return [c.name_id];
  const root = data.cameo[c.root];
  return [c.name, root && root.name_id ? el('span', { class: 'root-name' }, ` · ${root.name_id}`) : null];
}

function fmtDate(ms, unit) {
  const opts = { timeZone: 'UTC' };
  if (unit === 'year') opts.year = 'numeric';
  else if (unit === 'month') Object.assign(opts, { month: 'short', year: 'numeric' });
  else Object.assign(opts, { day: 'numeric', month: 'short' });
  try { return new Intl.DateTimeFormat(LOCALES[lang], opts).format(new Date(ms)); } catch (e) { return new Date(ms).toISOString().slice(0, 10); }
}

// -- static labels ------------------------------------------------------------------------------------

function applyLang() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = t(n.dataset.i18n); });
  document.querySelectorAll('[data-i18n-placeholder]').forEach((n) => { n.placeholder = t(n.dataset.i18nPlaceholder); });
  document.querySelectorAll('[data-i18n-label]').forEach((n) => { n.setAttribute('aria-label', t(n.dataset.i18nLabel)); });
  document.querySelectorAll('.lang button').forEach((b) => { b.classList.toggle('on', b.dataset.lang === lang); b.setAttribute('aria-pressed', String(b.dataset.lang === lang)); });
  $('#legend').replaceChildren(...[1, 2, 3, 4].map((q) => el('span', {}, el('i', { style: `background:${QUAD_COLORS[q]}` }), t('q' + q))),
    el('span', {}, el('i', { class: 'line' }), t('goldstein')));
  $('#evidence-legend').replaceChildren(el('span', { class: 'muted' }, t('legend_evidence')),
    ...MARKS.map((k) => el('mark', { class: k }, t('mark_' + k))));
}

function fillActorOptions() {
  const label = (a) => `${actorName(a.code)} (${a.code}) · ${a.events}`;
  $('#actor-a').replaceChildren(...data.actors.map((a) => el('option', { value: a.code }, label(a))));
  $('#actor-b').replaceChildren(el('option', { value: '' }, t('all_partners')), ...data.actors.map((a) => el('option', { value: a.code }, label(a))));
  $('#actor-a').value = state.a || ''; $('#actor-b').value = state.b || '';
}

// -- the timeline: a time scale, bars where there are events, gaps where there are none --------------

function niceStep(max, ticks) {
  const raw = Math.max(max / ticks, 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const f of [1, 2, 5, 10]) if (f * mag >= raw) return f * mag;
  return 10 * mag;
}

function timeTicks(t0, t1, maxTicks) {  // calendar boundaries in [t0, t1): days, weeks, months, quarters, years
  const units = [['day', 1], ['week', 7], ['month', 1], ['month', 3], ['month', 6], ['year', 1], ['year', 2], ['year', 5],
    ['year', 10], ['year', 20], ['year', 50], ['year', 100], ['year', 500], ['year', 1000]];
  const spanDays = (t1 - t0) / DAY;
  for (const [unit, step] of units) {
    const approx = unit === 'day' ? step : unit === 'week' ? 7 * step : unit === 'month' ? 30.44 * step : 365.25 * step;
    if (spanDays / approx > maxTicks) continue;
    const out = []; const d = new Date(t0);
    if (unit === 'day') { /* every day */ } else if (unit === 'week') {
      d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7));  // next Monday
    } else if (unit === 'month') {
      d.setUTCDate(1); if (d.getTime() < t0) d.setUTCMonth(d.getUTCMonth() + 1);
      while (d.getUTCMonth() % step) d.setUTCMonth(d.getUTCMonth() + 1);
    } else {
      d.setUTCMonth(0, 1); if (d.getTime() < t0) d.setUTCFullYear(d.getUTCFullYear() + 1);
      while (d.getUTCFullYear() % step) d.setUTCFullYear(d.getUTCFullYear() + 1);
    }
    while (d.getTime() < t1) {
      out.push(d.getTime());
      if (unit === 'day') d.setUTCDate(d.getUTCDate() + step); else if (unit === 'week') d.setUTCDate(d.getUTCDate() + 7);
      else if (unit === 'month') d.setUTCMonth(d.getUTCMonth() + step); else d.setUTCFullYear(d.getUTCFullYear() + step);
    }
    return { unit: unit === 'week' ? 'day' : unit, ticks: out };
  }
  return { unit: 'year', ticks: [] };
}

function drawTimeline() {
  const tl = data.timeline; const box = $('#timeline');
  if (!tl) return;
  box.dataset.key = [tl.actor, tl.other || '', tl.by, tl.directed].join('|');
  $('#summary').textContent = t('summary', tl.events, tl.undated);
  const periods = tl.periods;
  if (!periods.some((p) => p.events)) { box.replaceChildren(el('p', { class: 'muted' }, t('no_events'))); return; }
  const W = Math.max(280, Math.round(box.clientWidth || 1000)); const narrow = W < 600;
  const H = narrow ? 220 : 260, L = 34, R = narrow ? 28 : 36, T = 22, B = 34;
  const t0 = Date.parse(periods[0].start), t1 = Date.parse(periods[periods.length - 1].end) + DAY;
  const x = (ms) => L + (W - L - R) * (ms - t0) / (t1 - t0);
  const max = Math.max(...periods.map((p) => p.events), 1);
  const step = niceStep(max, narrow ? 3 : 5); const top = Math.ceil(max / step) * step;
  const y = (n) => H - B - (H - B - T) * n / top;
  const gy = (g) => T + (H - B - T) * (1 - (g + 10) / 20);
  const svgNS = 'http://www.w3.org/2000/svg';
  const mk = (tag, attrs, text) => { const n = document.createElementNS(svgNS, tag); for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v); if (text != null) n.textContent = text; return n; };
  const svg = mk('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img' });
  // count axis: ticks and grid lines
  const yAxis = mk('g', { class: 'y-axis' });
  for (let n = 0; n <= top; n += step) {
    yAxis.append(mk('line', { x1: L, x2: W - R, y1: y(n), y2: y(n), class: n ? 'grid' : 'base' }),
      mk('line', { x1: L - 4, x2: L, y1: y(n), y2: y(n), class: 'tick' }),
      mk('text', { x: L - 6, y: y(n) + 4, 'text-anchor': 'end', class: 'tick-label' }, n));
  }
  yAxis.append(mk('text', { x: 2, y: T - 10, class: 'axis-title' }, t('count_axis')));
  svg.append(yAxis);
  // time axis: calendar ticks, independent of the periods
  const { unit, ticks } = timeTicks(t0, t1, Math.max(2, Math.floor((W - L - R) / (narrow ? 64 : 80))));
  const xAxis = mk('g', { class: 'x-axis' });
  for (const ms of ticks) {
    xAxis.append(mk('line', { x1: x(ms), x2: x(ms), y1: H - B, y2: H - B + 5, class: 'tick' }),
      mk('text', { x: x(ms), y: H - B + 18, 'text-anchor': 'middle', class: 'tick-label' }, fmtDate(ms, unit)));
  }
  svg.append(xAxis);
  svg.append(mk('line', { x1: L, y1: gy(0), x2: W - R, y2: gy(0), class: 'goldstein-zero' }));
  // bars: one per period with events, as wide as the period on the time scale
  const segments = []; let run = [];
  for (const p of periods) {
    const p0 = Date.parse(p.start), p1 = Date.parse(p.end) + DAY;
    const cx = (x(p0) + x(p1)) / 2;
    if (!p.events) { if (run.length) segments.push(run); run = []; continue; }
    const w = x(p1) - x(p0); const gap = Math.min(2, w * 0.15); const bw = Math.max(1.5, w - gap);
    const g = mk('g', { class: 'bar' + (state.view && state.view.kind === 'period' && state.view.period === p.period ? ' selected' : ''),
      'data-period': p.period, 'data-events': p.events, tabindex: 0, role: 'button' });
    let yy = H - B;
    for (const q of [1, 2, 3, 4]) {
      const n = p.by_quad[q] || 0; if (!n) continue;
      const h = (H - B - T) * n / top; yy -= h;
      g.append(mk('rect', { x: cx - bw / 2, y: yy, width: bw, height: h, fill: QUAD_COLORS[q] }));
    }
    g.append(mk('rect', { x: cx - Math.max(bw, 8) / 2, y: T, width: Math.max(bw, 8), height: H - B - T, class: 'hit' }));
    g.append(mk('title', {}, `${p.period}: ${p.events} · Goldstein ${p.goldstein_mean}`));
    g.addEventListener('click', () => selectPeriod(p.period));
    g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); selectPeriod(p.period); } });
    svg.append(g);
    run.push([cx, gy(p.goldstein_mean)]);
  }
  if (run.length) segments.push(run);
  // the Goldstein mean: a line through consecutive periods with events, broken where a period has none
  for (const seg of segments) {
    if (seg.length > 1) svg.append(mk('polyline', { points: seg.map((pt) => pt.join(',')).join(' '), class: 'goldstein' }));
    for (const [cx, cy] of seg) svg.append(mk('circle', { cx, cy, r: 3, class: 'goldstein-point' }));
  }
  for (const g of [10, 0, -10]) svg.append(mk('text', { x: W - R + 4, y: gy(g) + 4, class: 'goldstein-label' }, (g > 0 ? '+' : '') + g));
  box.replaceChildren(svg);
}

// -- events: a period's, or one opened from the search ---------------------------------------------------

function eventItem(ev) {
  const li = el('li', { class: 'event', 'data-id': ev.canonical_id });
  const open = state.expanded.has(ev.canonical_id);
  const counts = `· ${ev.num_mentions} ${t(ev.num_mentions === 1 ? 'report' : 'reports')} · ${ev.num_sources} ${t(ev.num_sources === 1 ? 'source' : 'sources')} · ${ev.num_articles} ${t(ev.num_articles === 1 ? 'article' : 'articles')}`;
  const head = el('button', { type: 'button', 'aria-expanded': String(open) },
    el('span', { class: `code q${ev.quad_class}` }, ev.cameo), ' ',
    el('span', { class: 'cameo-name' }, ...cameoLabel(ev.cameo, ev.cameo_name)), ' ',
    el('span', { class: 'actors' }, `· ${ev.date || '?'} · ${actorName(ev.source_actor)} → ${actorName(ev.target_actor)}`), ' ',
    el('span', { class: 'meta' }, counts));
  const body = el('div', { class: 'mentions' });
  const detail = data.details.get(ev.canonical_id);
  if (open && detail) body.replaceChildren(...detail.mentions.map(mentionItem)); else body.setAttribute('hidden', '');
  head.addEventListener('click', async () => {
    if (state.expanded.has(ev.canonical_id)) { state.expanded.delete(ev.canonical_id); }
    else {
      if (!data.details.has(ev.canonical_id)) data.details.set(ev.canonical_id, await api('/api/fused/' + ev.canonical_id));
      state.expanded.add(ev.canonical_id);
    }
    li.replaceWith(eventItem(ev));
  });
  li.append(head, body);
  return li;
}

function highlight(sentence, spans) {
  const marks = Object.entries(spans || {}).filter(([, s]) => s && s[1] > s[0]).sort((a, b) => a[1][0] - b[1][0]);
  const out = []; let pos = 0;
  for (const [kind, [s, e]] of marks) {
    if (s < pos) continue;
    out.push(sentence.slice(pos, s), el('mark', { class: kind, title: t('mark_' + kind) || kind }, sentence.slice(s, e))); pos = e;
  }
  out.push(sentence.slice(pos));
  return out;
}

function mentionItem(m) {
  const rec = m.record;
  return el('div', { class: 'mention' },
    el('div', { class: 'meta' }, `${m.outlet || m.article} · ${t('published')} ${m.published || '?'} · ${recordActor(rec.source)} → ${recordActor(rec.target)}`),
    el('p', { class: 'evidence' }, ...highlight(rec.evidence.sentence, rec.evidence.spans)),
    el('a', { href: '#', class: 'open-article', onclick: (e) => { e.preventDefault(); openArticle(m.article_id); } }, t('open_article')));
}

function renderView() {
  const v = state.view; const list = $('#events');
  if (!v || !data.view) { $('#events-title').textContent = t('events_hint'); list.replaceChildren(); return; }
  if (v.kind === 'period') {
    $('#events-title').textContent = `${t('events_of')} · ${v.period}`;
    list.replaceChildren(...data.view.items.map(eventItem));
  } else if (data.view.fused) {
    $('#events-title').textContent = `${t('event_one')} · ${data.view.fused.cameo} · ${data.view.fused.date || '?'}`;
    list.replaceChildren(eventItem(data.view.fused));
  } else {  // an event not fused yet: its one report
    const rec = data.view.record;
    $('#events-title').textContent = `${t('event_one')} · ${rec.cameo} · ${t('not_fused')}`;
    list.replaceChildren(el('li', { class: 'event' }, mentionItem({ record: rec, article_id: rec.article_id, article: rec.article, outlet: rec.outlet, published: rec.published })));
  }
}

async function selectPeriod(period) {
  state.view = { kind: 'period', period }; state.expanded.clear();
  const q = new URLSearchParams({ actor: state.a, by: state.by, directed: state.directed, period });
  if (state.b) q.set('other', state.b);
  const seq = ++latest.view;
  const res = await api('/api/fused?' + q);
  if (seq !== latest.view) return;
  data.view = res;
  document.querySelectorAll('#timeline .bar').forEach((b) => b.classList.toggle('selected', b.dataset.period === period));
  renderView();
}

async function openEvent(eventId) {
  const seq = ++latest.view;
  const one = await api('/api/events/' + encodeURIComponent(eventId));
  state.view = { kind: 'event', event_id: eventId }; state.expanded.clear();
  if (one.canonical_id != null) {
    const detail = await api('/api/fused/' + one.canonical_id);
    if (seq !== latest.view) return;
    data.details.set(detail.canonical_id, detail); state.expanded.add(detail.canonical_id);
    data.view = { fused: detail };
  } else {
    if (seq !== latest.view) return;
    data.view = { record: one.record };
  }
  document.querySelectorAll('#timeline .bar.selected').forEach((b) => b.classList.remove('selected'));
  renderView();
  $('#events-box').scrollIntoView({ behavior: 'smooth', block: 'start' });
}

// -- the article: clean text with the sentences that produced events marked ----------------------------

function safeUrl(url) {
  try { const u = new URL(url); return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null; } catch (e) { return null; }
}

function articleText(a) {
  const marks = a.event_sentences || []; const out = []; let pos = 0;
  for (const line of a.text.split('\n')) {
    const start = pos, end = pos + line.length; pos = end + 1;
    if (!line) continue;
    const parts = []; let cur = start;
    for (const s of marks) {
      if (s.end <= start || s.start >= end) continue;
      const s0 = Math.max(s.start, cur), s1 = Math.min(s.end, end);
      if (s1 <= s0) continue;
      parts.push(a.text.slice(cur, s0));
      const names = s.cameo.map((c) => `${c} ${cameoLabel(c).filter((x) => typeof x === 'string').join('')}`).join('; ');
      parts.push(el('mark', { class: 'event-sentence', 'data-events': s.event_ids.join(' '), title: names }, a.text.slice(s0, s1)));
      cur = s1;
    }
    parts.push(a.text.slice(cur, end));
    out.push(el('p', {}, ...parts));
  }
  return out;
}

function renderArticle() {
  const box = $('#article'); const a = data.article;
  if (!state.article || !a) { box.setAttribute('hidden', ''); box.replaceChildren(); return; }
  const url = safeUrl(a.url);
  box.replaceChildren(...[
    el('h2', {}, a.title || a.ref),
    el('p', { class: 'meta muted' }, [a.outlet, a.published, a.dateline].filter(Boolean).join(' · ')),
    url ? el('p', { class: 'source-url' }, `${t('source_link')}: `, el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, url)) : null,
    el('p', { class: 'marks-legend' }, el('mark', { class: 'event-sentence' }, t('mark_event_sentence'))),
    el('div', { class: 'text' }, ...articleText(a)),
    el('h3', {}, t('dropped')),
    el('ul', { class: 'dropped' }, ...a.dropped.map((d) => el('li', {}, el('code', {}, d.rule), ' ', d.text))),
    el('button', { type: 'button', class: 'close', onclick: () => { state.article = null; data.article = null; renderArticle(); } }, t('back')),
  ].filter(Boolean));
  box.removeAttribute('hidden');
}

async function openArticle(id) {
  const seq = ++latest.article;
  const a = await api('/api/articles/' + id);
  if (seq !== latest.article) return;
  data.article = a; state.article = id;
  renderArticle();
  $('#article').scrollIntoView({ behavior: 'smooth' });
}

// -- search ---------------------------------------------------------------------------------------------

function renderSearch() {
  const res = data.search; const box = $('#search-results');
  if (!state.search || !res) { $('#search-box').setAttribute('hidden', ''); return; }
  const arts = res.articles.map((h) => el('p', { class: 'hit-article' },
    el('a', { href: '#', onclick: (e) => { e.preventDefault(); openArticle(h.article_id); } }, h.title || h.ref), ' ',
    el('span', { class: 'snippet muted' }, ...h.snippet_parts.map((p) => (p.hit ? el('mark', { class: 'hit', title: t('mark_hit') }, p.text) : p.text)))));
  const evs = res.events.map((r) => el('div', { class: 'hit-event' },
    el('button', { type: 'button', class: 'open-event', 'data-event': r.event_id, onclick: () => openEvent(r.event_id) },
      el('span', { class: `code q${r.quad_class}` }, r.cameo), ' ', ...cameoLabel(r.cameo, r.cameo_name),
      ` · ${r.date || '?'} · ${recordActor(r.source)} → ${recordActor(r.target)}`),
    el('p', { class: 'evidence' }, ...highlight(r.evidence.sentence, r.evidence.spans))));
  const parts = [];
  if (arts.length) parts.push(el('h3', {}, t('search_articles')), ...arts);
  if (evs.length) parts.push(el('h3', {}, t('search_events')), ...evs);
  box.replaceChildren(...(parts.length ? parts : [el('p', { class: 'muted' }, t('nothing_found'))]));
  $('#search-box').removeAttribute('hidden');
}

async function search(q) {
  const seq = ++latest.search;
  const res = await api('/api/search?' + new URLSearchParams({ q }));
  if (seq !== latest.search) return;
  data.search = res; state.search = q;
  renderSearch();
}

// -- putting it together ----------------------------------------------------------------------------------

async function refresh() {
  const q = new URLSearchParams({ actor: state.a, by: state.by, directed: state.directed, ids: false });
  if (state.b) q.set('other', state.b);
  location.hash = new URLSearchParams({ a: state.a, b: state.b, by: state.by }).toString();
  const seq = ++latest.timeline;
  const tl = await api('/api/timeline?' + q);
  if (seq !== latest.timeline) return;
  data.timeline = tl;
  latest.view++;  // a period of the previous choice that is still loading is not shown
  state.view = null; data.view = null; state.expanded.clear();
  renderAll();
}

function renderAll() {
  applyLang();
  fillActorOptions();
  $('#chart-title').textContent = [state.a, state.b].filter(Boolean).map(actorName).join(' – ');
  drawTimeline(); renderView(); renderArticle(); renderSearch();
}

async function main() {
  const version = api('/api/version').then((v) => { $('#version').textContent = `Warta ${v.version}`; }).catch(() => {});
  applyLang();
  const [actors, cameo] = await Promise.all([api('/api/actors'), api('/api/cameo')]);
  data.actors = actors;
  for (const a of actors) data.actorNames[a.code] = a;
  for (const c of cameo) data.cameo[c.code] = c;
  const params = new URLSearchParams(location.hash.slice(1));
  state.a = params.get('a') || (actors[0] && actors[0].code);
  state.b = params.get('b') ?? (actors[1] ? actors[1].code : '');
  if (['day', 'week', 'month', 'quarter', 'year'].includes(params.get('by'))) state.by = params.get('by');
  $('#by').value = state.by;
  fillActorOptions();
  document.querySelectorAll('.lang button').forEach((b) => b.addEventListener('click', () => {
    lang = b.dataset.lang; localStorage.setItem('warta-lang', lang); renderAll();
  }));
  $('#actor-a').addEventListener('change', (e) => { state.a = e.target.value; refresh(); });
  $('#actor-b').addEventListener('change', (e) => { state.b = e.target.value; refresh(); });
  $('#by').addEventListener('change', (e) => { state.by = e.target.value; refresh(); });
  $('#directed').addEventListener('change', (e) => { state.directed = e.target.checked; refresh(); });
  $('#search-form').addEventListener('submit', (e) => { e.preventDefault(); const q = $('#search').value.trim(); if (q.length > 1) search(q); });
  let resize = null;
  window.addEventListener('resize', () => { clearTimeout(resize); resize = setTimeout(drawTimeline, 100); });
  if (state.a) await refresh(); else renderAll();
  await version;
  document.body.dataset.ready = '1';
}

main().catch((e) => { document.body.dataset.error = e.message; console.error(e); });
