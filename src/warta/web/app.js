// Warta dashboard: pick two actors, see their fused events per period, open a period, an event,
// its reports with the evidence highlighted, and the article. No libraries, nothing from the network.
'use strict';

const I18N = {
  id: {
    tagline: 'Data peristiwa politik dari berita berbahasa Indonesia',
    search_placeholder: 'Cari artikel dan peristiwa…', actor_a: 'Aktor', actor_b: 'Mitra', all_partners: '— semua mitra —',
    period: 'Periode', month: 'bulan', year: 'tahun', week: 'pekan', day: 'hari', directed: 'hanya satu arah',
    events_hint: 'Klik sebuah periode untuk melihat peristiwanya', events_of: 'Peristiwa',
    q1: 'Kerja sama verbal', q2: 'Kerja sama material', q3: 'Konflik verbal', q4: 'Konflik material',
    goldstein: 'rata-rata Goldstein', no_events: 'Belum ada peristiwa untuk pilihan ini.',
    reports: 'laporan', sources: 'sumber', articles: 'artikel', report: 'laporan', source: 'sumber', article: 'artikel',
    open_article: 'buka artikel',
    search_results: 'Hasil pencarian', dropped: 'Baris yang dibuang pembersih', back: 'tutup',
    summary: (n, u) => `${n} peristiwa` + (u ? ` (${u} tanpa tanggal pada resolusi ini)` : ''),
    footer: 'Warta — setiap titik dapat ditelusuri ke kalimat yang melaporkannya.',
    nothing_found: 'Tidak ditemukan.', published: 'terbit',
  },
  en: {
    tagline: 'Political event data from Indonesian news',
    search_placeholder: 'Search articles and events…', actor_a: 'Actor', actor_b: 'Partner', all_partners: '— all partners —',
    period: 'Period', month: 'month', year: 'year', week: 'week', day: 'day', directed: 'one direction only',
    events_hint: 'Click a period to see its events', events_of: 'Events',
    q1: 'Verbal cooperation', q2: 'Material cooperation', q3: 'Verbal conflict', q4: 'Material conflict',
    goldstein: 'Goldstein mean', no_events: 'No events for this choice yet.',
    reports: 'reports', sources: 'sources', articles: 'articles', report: 'report', source: 'source', article: 'article',
    open_article: 'open article',
    search_results: 'Search results', dropped: 'Lines removed by cleaning', back: 'close',
    summary: (n, u) => `${n} events` + (u ? ` (${u} not dated at this resolution)` : ''),
    footer: 'Warta — every point traces back to the sentence that reports it.',
    nothing_found: 'Nothing found.', published: 'published',
  },
};
const QUAD_COLORS = { 1: 'var(--q1)', 2: 'var(--q2)', 3: 'var(--q3)', 4: 'var(--q4)' };
let lang = localStorage.getItem('warta-lang') || 'id';
let state = { a: null, b: '', by: 'month', directed: false, period: null };
const $ = (sel) => document.querySelector(sel);
const t = (key, ...args) => { const v = I18N[lang][key]; return typeof v === 'function' ? v(...args) : v; };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v; else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c != null) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

async function api(path) {
  const r = await fetch(path);
  if (!r.ok) throw new Error((await r.json()).detail || r.statusText);
  return r.json();
}

function applyLang() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = t(n.dataset.i18n); });
  document.querySelectorAll('[data-i18n-placeholder]').forEach((n) => { n.placeholder = t(n.dataset.i18nPlaceholder); });
  document.querySelectorAll('.lang button').forEach((b) => b.classList.toggle('on', b.dataset.lang === lang));
  $('#legend').replaceChildren(...[1, 2, 3, 4].map((q) => el('span', {}, el('i', { style: `background:${QUAD_COLORS[q]}` }), t('q' + q))),
    el('span', {}, el('i', { style: 'background:#111;height:2px' }), t('goldstein')));
  const first = $('#actor-b option[value=""]'); if (first) first.textContent = t('all_partners');
}

async function loadActors() {
  const actors = await api('/api/actors');
  const opts = (sel, withAll) => {
    sel.replaceChildren(...(withAll ? [el('option', { value: '' }, t('all_partners'))] : []),
      ...actors.map((a) => el('option', { value: a.code }, `${a.name} (${a.code}) · ${a.events}`)));
  };
  opts($('#actor-a'), false); opts($('#actor-b'), true);
  const params = new URLSearchParams(location.hash.slice(1));
  state.a = params.get('a') || (actors[0] && actors[0].code);
  state.b = params.get('b') ?? (actors[1] ? actors[1].code : '');
  $('#actor-a').value = state.a; $('#actor-b').value = state.b;
}

function drawTimeline(tl) {
  const box = $('#timeline');
  const periods = tl.periods;
  $('#summary').textContent = t('summary', tl.events, tl.undated);
  if (!periods.length) { box.replaceChildren(el('p', { class: 'muted' }, t('no_events'))); return; }
  const W = 1000, H = 260, L = 40, R = 40, T = 10, B = 40;
  const max = Math.max(...periods.map((p) => p.events), 1);
  const bw = Math.min(60, (W - L - R) / periods.length);
  const svgNS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const mk = (tag, attrs) => { const n = document.createElementNS(svgNS, tag); for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v); return n; };
  svg.append(mk('line', { x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: '#999' }));
  const gy = (g) => T + (H - B - T) * (1 - (g + 10) / 20);
  svg.append(mk('line', { x1: L, y1: gy(0), x2: W - R, y2: gy(0), stroke: '#ddd', 'stroke-dasharray': '4 4' }));
  const pts = [];
  periods.forEach((p, i) => {
    const x = L + i * ((W - L - R) / periods.length) + 2;
    const g = mk('g', { class: 'bar', 'data-period': p.period, tabindex: 0, role: 'button' });
    let y = H - B;
    for (const q of [1, 2, 3, 4]) {
      const n = p.by_quad[q] || 0; if (!n) continue;
      const h = (H - B - T) * n / max; y -= h;
      g.append(mk('rect', { x, y, width: bw - 4, height: h, fill: QUAD_COLORS[q] }));
    }
    const title = mk('title', {}); title.textContent = `${p.period}: ${p.events} · Goldstein ${p.goldstein_mean}`; g.append(title);
    g.addEventListener('click', () => selectPeriod(p.period));
    g.addEventListener('keydown', (e) => { if (e.key === 'Enter') selectPeriod(p.period); });
    svg.append(g);
    const every = Math.ceil(periods.length / 16);  // at most 16 labels under the bars
    if (i % every === 0 || i === periods.length - 1) {
      const label = mk('text', { x: x + (bw - 4) / 2, y: H - B + 16, 'font-size': 11, 'text-anchor': 'middle', fill: '#555' });
      label.textContent = p.period; svg.append(label);
    }
    if (p.goldstein_mean != null) pts.push(`${x + (bw - 4) / 2},${gy(p.goldstein_mean)}`);
  });
  if (pts.length > 1) svg.append(mk('polyline', { points: pts.join(' '), fill: 'none', stroke: '#111', 'stroke-width': 2 }));
  pts.forEach((pt) => { const [cx, cy] = pt.split(','); svg.append(mk('circle', { cx, cy, r: 3, fill: '#111' })); });
  const yl = mk('text', { x: 4, y: T + 10, 'font-size': 11, fill: '#555' }); yl.textContent = max; svg.append(yl);
  for (const g of [10, 0, -10]) {  // the Goldstein scale on the right
    const gl = mk('text', { x: W - R + 6, y: gy(g) + 4, 'font-size': 10, fill: '#111' }); gl.textContent = (g > 0 ? '+' : '') + g; svg.append(gl);
  }
  box.replaceChildren(svg);
}

async function refresh() {
  const q = new URLSearchParams({ actor: state.a, by: state.by, directed: state.directed });
  if (state.b) q.set('other', state.b);
  location.hash = new URLSearchParams({ a: state.a, b: state.b }).toString();
  const names = [state.a, state.b].filter(Boolean).join(' – ');
  $('#chart-title').textContent = names;
  const tl = await api('/api/timeline?' + q);
  drawTimeline(tl);
  $('#events').replaceChildren();
  $('#events-title').textContent = t('events_hint');
}

async function selectPeriod(period) {
  state.period = period;
  document.querySelectorAll('#timeline .bar').forEach((b) => b.classList.toggle('selected', b.dataset.period === period));
  const q = new URLSearchParams({ actor: state.a, by: state.by, directed: state.directed, period });
  if (state.b) q.set('other', state.b);
  const res = await api('/api/fused?' + q);
  $('#events-title').textContent = `${t('events_of')} · ${period}`;
  $('#events').replaceChildren(...res.items.map(eventItem));
}

function eventItem(ev) {
  const li = el('li', { class: 'event', 'data-id': ev.canonical_id });
  const head = el('button', { type: 'button', 'aria-expanded': 'false' },
    el('span', { class: `code q${ev.quad_class}` }, `${ev.cameo}`), ' ',
    `${ev.date || '?'} · ${ev.source_actor} → ${ev.target_actor} `,
    el('span', { class: 'meta' }, `· ${ev.num_mentions} ${t(ev.num_mentions === 1 ? 'report' : 'reports')} · ${ev.num_sources} ${t(ev.num_sources === 1 ? 'source' : 'sources')} · ${ev.num_articles} ${t(ev.num_articles === 1 ? 'article' : 'articles')}`));
  const body = el('div', { class: 'mentions', hidden: '' });
  head.addEventListener('click', async () => {
    const open = body.hasAttribute('hidden');
    head.setAttribute('aria-expanded', String(open));
    if (!open) { body.setAttribute('hidden', ''); return; }
    const detail = await api('/api/fused/' + ev.canonical_id);
    head.querySelector('.code').textContent = `${detail.cameo} ${detail.name}`;
    body.replaceChildren(...detail.mentions.map(mentionItem));
    body.removeAttribute('hidden');
  });
  li.append(head, body);
  return li;
}

function highlight(sentence, spans) {
  const marks = Object.entries(spans || {}).filter(([, s]) => s && s[1] > s[0]).sort((a, b) => a[1][0] - b[1][0]);
  const out = []; let pos = 0;
  for (const [kind, [s, e]] of marks) {
    if (s < pos) continue;
    out.push(sentence.slice(pos, s), el('mark', { class: kind, title: kind }, sentence.slice(s, e))); pos = e;
  }
  out.push(sentence.slice(pos));
  return out;
}

function mentionItem(m) {
  const rec = m.record;
  return el('div', { class: 'mention' },
    el('div', { class: 'meta' }, `${m.outlet || m.article} · ${t('published')} ${m.published || '?'} · ${rec.source.text} → ${rec.target.text}`),
    el('p', { class: 'evidence' }, ...highlight(rec.evidence.sentence, rec.evidence.spans)),
    el('a', { href: '#', class: 'open-article', onclick: (e) => { e.preventDefault(); openArticle(m.article_id); } }, t('open_article')));
}

async function openArticle(id) {
  const a = await api('/api/articles/' + id);
  const box = $('#article');
  const paras = a.text.split('\n').map((p) => el('p', {}, p));
  box.replaceChildren(
    el('h2', {}, a.title || a.ref), el('p', { class: 'meta muted' }, [a.outlet, a.published, a.dateline].filter(Boolean).join(' · ')),
    el('div', { class: 'text' }, ...paras),
    el('h3', {}, t('dropped')),
    el('ul', { class: 'dropped' }, ...a.dropped.map((d) => el('li', {}, el('code', {}, d.rule), ' ', d.text))),
    el('button', { type: 'button', onclick: () => box.setAttribute('hidden', '') }, t('back')));
  box.removeAttribute('hidden');
  box.scrollIntoView({ behavior: 'smooth' });
}

async function search(q) {
  const res = await api('/api/search?' + new URLSearchParams({ q }));
  const box = $('#search-results');
  const arts = res.articles.map((h) => el('p', {}, el('a', { href: '#', onclick: (e) => { e.preventDefault(); openArticle(h.article_id); } }, h.title || h.ref), ' ', el('span', { class: 'muted' }, h.snippet)));
  const evs = res.events.map((r) => el('p', {}, `${r.date || '?'} ${r.source.code} ${r.cameo} ${r.target.code}: `, ...highlight(r.evidence.sentence, r.evidence.spans)));
  box.replaceChildren(...(arts.length || evs.length ? [...arts, ...evs] : [el('p', { class: 'muted' }, t('nothing_found'))]));
  $('#search-box').removeAttribute('hidden');
}

async function main() {
  applyLang();
  document.querySelectorAll('.lang button').forEach((b) => b.addEventListener('click', () => {
    lang = b.dataset.lang; localStorage.setItem('warta-lang', lang); applyLang(); refresh();
  }));
  await loadActors();
  $('#actor-a').addEventListener('change', (e) => { state.a = e.target.value; refresh(); });
  $('#actor-b').addEventListener('change', (e) => { state.b = e.target.value; refresh(); });
  $('#by').addEventListener('change', (e) => { state.by = e.target.value; refresh(); });
  $('#directed').addEventListener('change', (e) => { state.directed = e.target.checked; refresh(); });
  $('#search-form').addEventListener('submit', (e) => { e.preventDefault(); const q = $('#search').value.trim(); if (q.length > 1) search(q); });
  if (state.a) await refresh();
  document.body.dataset.ready = '1';
}

main().catch((e) => { document.body.dataset.error = e.message; console.error(e); });
