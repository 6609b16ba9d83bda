// Agent Hub dashboard: a small single-page app on the Hub API (same origin), no framework and no build step.
// Views: sign in / register, agents (live), one agent (chart, equity, trades, log, decisions), strategies, backtest,
// secrets. Every text from the API goes into the page as text, never as HTML.

const LEVELS = ['init', 'llm', 'start', 'tick', 'action', 'sl_tp', 'stop', 'error', 'warn', 'supervisor'];
const SESSION_KEY = 'agenthub.session';

// ------------------------------------------------------------------ DOM helpers

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const $view = () => document.getElementById('view');

function toast(text) {
  const el = document.getElementById('toast');
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, 4000);
}

function num(value, digits = 2) {
  if (value === null || value === undefined || value === '') return '–';
  const n = Number(value);
  return Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : String(value);
}

function signed(value) {
  const n = Number(value);
  if (!Number.isFinite(n)) return h('span', {}, '–');
  return h('span', { class: n > 0 ? 'up' : n < 0 ? 'down' : '' }, (n > 0 ? '+' : '') + num(n));
}

function when(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return d.toISOString().replace('T', ' ').slice(0, 19);
}

const badge = status => h('span', { class: 'badge status-' + status, dataset: { status } }, status);

/** Offers only what the status allows: no stop for a stopped agent, no start for a running one. */
function allow(controls, status) {
  controls.querySelectorAll('button[data-action=stop]').forEach(b => { b.disabled = status === 'stopped'; });
  controls.querySelectorAll('button[data-action=start]').forEach(b => { b.disabled = status === 'running' || status === 'creating'; });
}
const seconds = iso => Math.floor(new Date(iso).getTime() / 1000);

// ------------------------------------------------------------------ session and API

const session = {
  get() {
    try { return JSON.parse(sessionStorage.getItem(SESSION_KEY)); } catch { return null; }
  },
  set(value) { sessionStorage.setItem(SESSION_KEY, JSON.stringify(value)); },
  clear() { sessionStorage.removeItem(SESSION_KEY); },
};

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || ('HTTP ' + status));
    this.status = status;
    this.problem = problem || {};
  }
}

let refreshing = null;

async function refresh() {
  const current = session.get();
  if (!current?.refresh_token) return false;
  refreshing ??= fetch('/api/auth/refresh', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refresh_token: current.refresh_token }),
  }).then(async res => {
    if (!res.ok) return false;
    session.set(await res.json());
    live.reconnect();
    return true;
  }).finally(() => { refreshing = null; });
  return refreshing;
}

async function api(method, path, body, retried = false) {
  const current = session.get();
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (current?.access_token) headers.Authorization = 'Bearer ' + current.access_token;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401 && current && !path.startsWith('/api/auth/') && !retried) {
    if (await refresh()) return api(method, path, body, true);
    signOut('Your session ended; please sign in again.');
    throw new ApiError(401, { detail: 'signed out' });
  }
  const text = await res.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = { detail: text }; }
  }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

const get = path => api('GET', path);
const post = (path, body) => api('POST', path, body ?? {});

// ------------------------------------------------------------------ live updates (WebSocket /ws)

const live = {
  socket: null, listeners: new Set(), retry: 0, timer: null,
  connect() {
    const current = session.get();
    if (!current || this.socket) return;
    const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws?access_token='
      + encodeURIComponent(current.access_token);
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onopen = () => { this.retry = 0; this.indicator(true); };
    socket.onmessage = event => {
      let message;
      try { message = JSON.parse(event.data); } catch { return; }
      for (const listener of this.listeners) {
        try { listener(message); } catch (e) { console.error(e); }
      }
    };
    socket.onclose = () => {
      this.indicator(false);
      if (this.socket === socket) this.socket = null;
      if (!session.get()) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.connect(), Math.min(10000, 500 * 2 ** this.retry++));
    };
  },
  reconnect() {
    const old = this.socket;
    this.socket = null;
    if (old) { old.onclose = null; old.close(); }
    this.connect();
  },
  close() {
    clearTimeout(this.timer);
    const old = this.socket;
    this.socket = null;
    if (old) { old.onclose = null; old.close(); }
    this.indicator(false);
  },
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  },
  indicator(on) {
    const el = document.getElementById('live');
    el.textContent = on ? 'live' : 'offline';
    el.classList.toggle('on', on);
  },
};

// ------------------------------------------------------------------ forms and errors

/** Shows an API error on a form: each field's message next to it, the rest above the buttons. */
function showErrors(form, error) {
  form.querySelectorAll('.field-error').forEach(el => el.remove());
  form.querySelectorAll('[aria-invalid]').forEach(el => el.removeAttribute('aria-invalid'));
  const general = form.querySelector('.form-error');
  general.textContent = '';
  const unplaced = [];
  for (const item of error.problem?.errors || []) {
    const input = form.querySelector(`[data-field="${CSS.escape(item.field)}"]`);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.closest('label').append(h('span', { class: 'field-error', dataset: { errorFor: item.field } }, item.message));
    } else {
      unplaced.push(item.field + ': ' + item.message);
    }
  }
  general.textContent = [error.message, ...unplaced].filter(Boolean).join(' · ');
}

function field(label, name, attrs = {}) {
  return h('label', {}, label, h('input', { name, dataset: { field: name }, ...attrs }));
}

function check(label, name, checked = false) {
  return h('label', { class: 'check' }, h('input', { type: 'checkbox', name, dataset: { field: name }, checked }), label);
}

function value(form, name) {
  const input = form.elements[name];
  if (!input) return undefined;
  if (input.type === 'checkbox') return input.checked;
  if (input.value === '') return undefined;
  return input.type === 'number' ? Number(input.value) : input.value;
}

// ------------------------------------------------------------------ charts (TradingView lightweight-charts)

function chartOptions(el) {
  return {
    width: el.clientWidth, height: el.clientHeight,
    layout: { background: { color: '#171d24' }, textColor: '#c7cdd3' },
    grid: { vertLines: { color: '#222a33' }, horzLines: { color: '#222a33' } },
    timeScale: { timeVisible: true, secondsVisible: false },
    rightPriceScale: { borderColor: '#2a333d' },
  };
}

function makeChart(el) {
  const chart = LightweightCharts.createChart(el, chartOptions(el));
  const resize = new ResizeObserver(() => chart.applyOptions({ width: el.clientWidth }));
  resize.observe(el);
  return { chart, dispose() { resize.disconnect(); chart.remove(); } };
}

/** Points with strictly increasing times (the chart's rule), the last value of each second kept. */
function series(points) {
  const byTime = new Map();
  for (const p of points) byTime.set(p.time, p);
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

// ------------------------------------------------------------------ views

const views = {};
let cleanup = [];

function onLeave(fn) { cleanup.push(fn); }

async function render() {
  cleanup.forEach(fn => { try { fn(); } catch (e) { console.error(e); } });
  cleanup = [];
  const signedIn = !!session.get();
  document.getElementById('nav').hidden = !signedIn;
  const [, name = 'agents', id] = location.hash.split('/');
  if (!signedIn) {
    views.auth(name === 'register' ? 'register' : 'login');
    return;
  }
  live.connect();
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.nav === name));
  const view = name === 'agents' && id ? () => views.agent(decodeURIComponent(id)) : views[name] || views.agents;
  try {
    await view();
  } catch (e) {
    if (e.status === 404) $view().replaceChildren(h('h1', {}, 'Not found'), h('p', {}, 'Nothing here is yours by that name. ',
      h('a', { href: '#/agents' }, 'Back to your agents')));
    else if (e.status !== 401) $view().replaceChildren(h('p', { class: 'form-error' }, 'Could not load: ' + e.message));
  }
}

function signOut(message) {
  session.clear();
  live.close();
  location.hash = '#/login';
  render();
  if (message) toast(message);
}

views.auth = mode => {
  const register = mode === 'register';
  const form = h('form', { class: 'panel auth', id: 'auth-form' },
    h('h1', {}, register ? 'Create your account' : 'Sign in'),
    h('div', { style: 'display:grid;gap:.75rem' },
      field('E-mail', 'email', { type: 'email', required: true, autocomplete: 'username' }),
      field('Password', 'password', { type: 'password', required: true, minlength: register ? 15 : 1,
        autocomplete: register ? 'new-password' : 'current-password' }),
      register ? h('p', { class: 'muted' }, 'At least 15 characters, any kind; a few uncommon words make a good one.') : null,
      h('p', { class: 'form-error' }),
      h('button', { class: 'primary', type: 'submit', id: 'auth-submit' }, register ? 'Create account' : 'Sign in')),
    h('p', { class: 'muted' }, register ? 'Have an account? ' : 'New here? ',
      h('a', { href: register ? '#/login' : '#/register', id: 'auth-switch' }, register ? 'Sign in' : 'Create an account')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = { email: value(form, 'email'), password: value(form, 'password') };
    try {
      session.set(await post(register ? '/api/auth/register' : '/api/auth/login', body));
      location.hash = '#/agents';
      render();
    } catch (e) {
      showErrors(form, e);
    }
  });
  $view().replaceChildren(form);
};

views.agents = async () => {
  const [strategies, page] = await Promise.all([get('/api/strategies'), get('/api/agents?limit=100')]);
  const rows = new Map();
  const tbody = h('tbody');
  const table = h('table', { id: 'agents' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Agent'), h('th', {}, 'Symbol'), h('th', { class: 'hide-phone' }, 'Strategy'),
      h('th', {}, 'Mode'), h('th', {}, 'Status'), h('th', { class: 'num' }, 'P&L'), h('th', { class: 'hide-phone' }, 'Position'),
      h('th', {}, ''))),
    tbody);

  async function refreshMoney(id) {
    const row = rows.get(id);
    if (!row) return;
    const [pnl, positions] = await Promise.all([get(`/api/agents/${id}/pnl`), get(`/api/agents/${id}/positions`)]);
    row.pnl.replaceChildren(signed(pnl.total_pnl));
    const p = positions.current;
    row.position.textContent = p ? `${p.side} ${num(p.quantity, 4)} @ ${num(p.average_entry_price)}` : 'flat';
  }

  function actions(agent) {
    const busy = async (button, work) => {
      button.disabled = true;
      try { await work(); } catch (e) { toast(e.message); } finally {
        button.disabled = false;
        const row = rows.get(agent.id);
        if (row) allow(row.controls, row.status.textContent);
      }
    };
    const stop = h('button', { type: 'button', dataset: { action: 'stop' } }, 'Stop');
    stop.onclick = () => busy(stop, async () => { await post(`/api/agents/${agent.id}/stop`); toast('Stopping ' + agent.id); });
    const start = h('button', { type: 'button', dataset: { action: 'start' } }, 'Start');
    start.onclick = () => busy(start, async () => { await post(`/api/agents/${agent.id}/start`); toast('Starting ' + agent.id); });
    const remove = h('button', { type: 'button', class: 'danger', dataset: { action: 'delete' } }, 'Delete');
    remove.onclick = () => {
      if (!confirm(`Delete agent ${agent.id}? Its history stays for audit.`)) return;
      busy(remove, async () => {
        await api('DELETE', `/api/agents/${agent.id}`);
        rows.get(agent.id)?.tr.remove();
        rows.delete(agent.id);
      });
    };
    return h('div', { class: 'row' }, stop, start, remove);
  }

  function addRow(agent) {
    const status = h('td', {}, badge(agent.status));
    const pnl = h('td', { class: 'num' }, '…');
    const position = h('td', { class: 'hide-phone' }, '…');
    const controls = actions(agent);
    allow(controls, agent.status);
    const tr = h('tr', { dataset: { agentId: agent.id } },
      h('td', {}, h('a', { href: `#/agents/${encodeURIComponent(agent.id)}` }, agent.id.slice(0, 8))),
      h('td', {}, agent.symbol), h('td', { class: 'hide-phone' }, agent.strategy_name),
      h('td', {}, agent.live_mode ? 'live' : 'paper'), status, pnl, position, h('td', {}, controls));
    rows.set(agent.id, { tr, status, pnl, position, controls });
    tbody.prepend(tr);
    refreshMoney(agent.id).catch(() => {});
  }

  page.items.slice().reverse().forEach(addRow);

  const pending = new Map();
  onLeave(live.subscribe(message => {
    const row = rows.get(message.agent_id);
    if (!row) return;
    if (message.type === 'agent_status') {
      row.status.replaceChildren(badge(message.status));
      allow(row.controls, message.status);
    }
    if (message.type === 'trade' || message.type === 'position') {
      clearTimeout(pending.get(message.agent_id));
      pending.set(message.agent_id, setTimeout(() => refreshMoney(message.agent_id).catch(() => {}), 400));
    }
  }));
  onLeave(() => pending.forEach(clearTimeout));

  const form = createForm(strategies, addRow);
  const killAll = h('button', { type: 'button', class: 'danger', id: 'kill-all' }, 'Kill switch: stop all');
  killAll.onclick = async () => {
    if (!confirm('Stop every agent and close their paper positions?')) return;
    try {
      const result = await post('/api/agents/kill-all', { confirm: 'KILL_ALL' });
      toast(`Stopped ${result.stopped} agent(s)`);
    } catch (e) { toast(e.message); }
  };
  $view().replaceChildren(
    h('div', { class: 'row', style: 'justify-content:space-between' }, h('h1', {}, 'Your agents'), killAll),
    h('div', { class: 'panel scroll' }, rows.size ? table : h('div', {}, table, h('p', { class: 'muted', id: 'no-agents' }, 'No agents yet.'))),
    h('details', { class: 'panel', open: rows.size === 0, id: 'create' }, h('summary', {}, 'Create an agent'), form));
};

function createForm(strategies, added) {
  const form = h('form', { class: 'stack', id: 'create-form', novalidate: true },
    field('Symbol', 'symbol', { value: 'BTC/USDT', required: true }),
    h('label', {}, 'Strategy', h('select', { name: 'strategy_name', dataset: { field: 'strategy_name' } },
      strategies.map(s => h('option', { value: s.name, selected: s.name === 'ema_crossover' }, s.name)))),
    field('Bar interval (s)', 'interval_seconds', { type: 'number', value: 60, min: 1 }),
    field('Max position (USD)', 'risk_params.max_position_usd', { type: 'number', value: 1000, step: 'any' }),
    field('Stop loss %', 'risk_params.stop_loss_pct', { type: 'number', value: 2, step: 'any' }),
    field('Take profit %', 'risk_params.take_profit_pct', { type: 'number', value: 4, step: 'any' }),
    field('Leverage', 'risk_params.leverage', { type: 'number', value: 1, min: 1, max: 125 }),
    field('Planner every N bars', 'planner.every_n_bars', { type: 'number', value: 60, min: 1 }),
    field('Supervisor every N ticks', 'supervisor.every_n_ticks', { type: 'number', value: 30, min: 1 }),
    h('div', { style: 'display:grid;gap:.4rem' },
      check('Live on HashKey (else paper)', 'live_mode'), check('Allow shorts', 'allow_short'),
      check('LLM planner', 'planner.enabled'), check('LLM supervisor', 'supervisor.enabled')),
    h('div', { style: 'grid-column:1/-1' }, h('p', { class: 'form-error' }),
      h('button', { class: 'primary', type: 'submit', id: 'create-submit' }, 'Create and start')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = {
      symbol: value(form, 'symbol'), strategy_name: value(form, 'strategy_name'),
      interval_seconds: value(form, 'interval_seconds'), live_mode: value(form, 'live_mode'),
      allow_short: value(form, 'allow_short'),
      risk_params: {
        max_position_usd: value(form, 'risk_params.max_position_usd'), stop_loss_pct: value(form, 'risk_params.stop_loss_pct'),
        take_profit_pct: value(form, 'risk_params.take_profit_pct'), leverage: value(form, 'risk_params.leverage'),
      },
      planner: { enabled: value(form, 'planner.enabled'), every_n_bars: value(form, 'planner.every_n_bars') },
      supervisor: { enabled: value(form, 'supervisor.enabled'), every_n_ticks: value(form, 'supervisor.every_n_ticks') },
    };
    const button = form.querySelector('#create-submit');
    button.disabled = true;
    try {
      const agent = await post('/api/agents', body);
      showErrors(form, { problem: {}, message: '' });
      document.getElementById('no-agents')?.remove();
      added(agent);
      toast('Created ' + agent.id);
    } catch (e) {
      showErrors(form, e);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

views.agent = async id => {
  const agent = await get(`/api/agents/${encodeURIComponent(id)}`);
  const status = h('span', { id: 'agent-status' }, badge(agent.status));
  const reason = h('span', { class: 'muted' }, agent.status_reason || '');
  const money = h('div', { id: 'money' });
  const planBox = h('div', { id: 'plan' }, '…');
  const priceEl = h('div', { class: 'chart', id: 'price-chart' });
  const equityEl = h('div', { class: 'chart small', id: 'equity-chart' });
  const trades = h('tbody');
  const decisions = h('tbody');
  const logBox = h('div', { class: 'log', id: 'log' });
  const levelBoxes = LEVELS.map(level => h('label', { class: 'check' },
    h('input', { type: 'checkbox', value: level, checked: level !== 'tick', dataset: { level } }), level));
  const levels = () => levelBoxes.map(l => l.querySelector('input')).filter(i => i.checked).map(i => i.value);

  const control = (label, action, cls) => {
    const button = h('button', { type: 'button', class: cls, dataset: { action } }, label);
    button.onclick = async () => {
      if (action === 'delete' && !confirm(`Delete agent ${id}? Its history stays for audit.`)) return;
      try {
        if (action === 'delete') { await api('DELETE', `/api/agents/${id}`); location.hash = '#/agents'; return; }
        await post(`/api/agents/${id}/${action}`);
        toast(action === 'stop' ? 'Stopping…' : 'Starting…');
      } catch (e) { toast(e.message); }
    };
    return button;
  };

  const controls = h('div', { class: 'row' }, control('Stop', 'stop'), control('Start', 'start'), control('Delete', 'delete', 'danger'));
  allow(controls, agent.status);
  $view().replaceChildren(
    h('p', {}, h('a', { href: '#/agents' }, '← All agents')),
    h('div', { class: 'row', style: 'justify-content:space-between' },
      h('h1', {}, `${agent.symbol} · ${agent.strategy_name} · ${agent.live_mode ? 'live' : 'paper'} `, status, ' ', reason),
      controls),
    h('div', { class: 'grid' }, h('div', { class: 'panel' }, h('h2', {}, 'P&L and position'), money),
      h('div', { class: 'panel' }, h('h2', {}, 'Plan in force'), planBox)),
    h('div', { class: 'panel' }, h('h2', {}, 'Price, trades, stop-loss and take-profit'), priceEl),
    h('div', { class: 'panel' }, h('h2', {}, 'Equity (P&L after each position change)'), equityEl),
    h('div', { class: 'grid' },
      h('div', { class: 'panel scroll' }, h('h2', {}, 'Trades'), h('table', { id: 'trades' }, h('thead', {}, h('tr', {},
        h('th', {}, 'Time'), h('th', {}, 'Side'), h('th', { class: 'num' }, 'Qty'), h('th', { class: 'num' }, 'Price'),
        h('th', { class: 'num' }, 'Fee'))), trades)),
      h('div', { class: 'panel' }, h('h2', {}, 'Log'), h('div', { class: 'row', id: 'levels' }, levelBoxes), logBox)),
    h('div', { class: 'panel scroll' }, h('h2', {}, 'Decisions (planner and supervisor audit trail)'),
      h('table', { id: 'decisions' }, h('thead', {}, h('tr', {}, h('th', {}, 'Time'), h('th', {}, 'Cycle'), h('th', {}, 'By'),
        h('th', {}, 'Decision'), h('th', {}, 'Reasoning'))), decisions)));

  // charts
  const price = makeChart(priceEl);
  const candles = price.chart.addSeries(LightweightCharts.CandlestickSeries,
    { upColor: '#26a69a', downColor: '#ef5350', borderVisible: false, wickUpColor: '#26a69a', wickDownColor: '#ef5350' });
  const markers = LightweightCharts.createSeriesMarkers(candles, []);
  const equity = makeChart(equityEl);
  const equityLine = equity.chart.addSeries(LightweightCharts.LineSeries, { color: '#4c8dff', lineWidth: 2 });
  onLeave(() => { price.dispose(); equity.dispose(); });
  let levelLines = [];
  let tradeList = [];

  function drawLevels(position) {
    levelLines.forEach(line => candles.removePriceLine(line));
    levelLines = [];
    if (!position) return;
    if (position.stop_loss) levelLines.push(candles.createPriceLine({ price: Number(position.stop_loss), color: '#ef5350',
      lineStyle: LightweightCharts.LineStyle.Dashed, title: 'SL' }));
    if (position.take_profit) levelLines.push(candles.createPriceLine({ price: Number(position.take_profit), color: '#26a69a',
      lineStyle: LightweightCharts.LineStyle.Dashed, title: 'TP' }));
  }

  async function loadCandles() {
    const view = await get(`/api/market/candles?symbol=${encodeURIComponent(agent.symbol)}&timeframe=1m&source=stored&limit=500`);
    const bars = series(view.candles.map(c => ({ time: seconds(c.open_time), open: +c.open, high: +c.high, low: +c.low, close: +c.close })));
    candles.setData(bars);
    priceEl.dataset.bars = bars.length;
    priceEl.dataset.last = bars.length ? bars[bars.length - 1].time : '';
    drawMarkers(bars);
  }

  function drawMarkers(bars = null) {
    const first = bars?.length ? bars[0].time : -Infinity;
    markers.setMarkers(tradeList.filter(t => seconds(t.time) >= first).map(t => ({
      time: Math.floor(seconds(t.time) / 60) * 60,
      position: t.side === 'BUY' ? 'belowBar' : 'aboveBar',
      color: t.side === 'BUY' ? '#26a69a' : '#ef5350',
      shape: t.side === 'BUY' ? 'arrowUp' : 'arrowDown',
      text: `${t.side} ${num(t.price)}`,
    })).sort((a, b) => a.time - b.time));
  }

  async function loadMoney() {
    const [pnl, positions, tradePage] = await Promise.all([get(`/api/agents/${id}/pnl`), get(`/api/agents/${id}/positions`),
      get(`/api/agents/${id}/trades?limit=200`)]);
    const p = positions.current;
    money.replaceChildren(h('table', {}, h('tbody', {},
      h('tr', {}, h('th', {}, 'Total P&L'), h('td', { class: 'num', id: 'total-pnl' }, signed(pnl.total_pnl))),
      h('tr', {}, h('th', {}, 'Realised / unrealised / fees'), h('td', { class: 'num' }, num(pnl.realized_pnl), ' / ',
        num(pnl.unrealized_pnl), ' / ', num(pnl.fees))),
      h('tr', {}, h('th', {}, 'Closed positions (win rate)'), h('td', { class: 'num' },
        `${pnl.closed_positions} (${pnl.win_rate == null ? '–' : num(Number(pnl.win_rate) * 100, 0) + ' %'})`)),
      h('tr', {}, h('th', {}, 'Position'), h('td', { class: 'num', id: 'position' },
        p ? `${p.side} ${num(p.quantity, 4)} @ ${num(p.average_entry_price)}, mark ${num(p.mark_price)}` : 'flat')),
      h('tr', {}, h('th', {}, 'Stop-loss / take-profit'), h('td', { class: 'num' }, p ? `${num(p.stop_loss)} / ${num(p.take_profit)}` : '–')))));
    drawLevels(p);
    equityLine.setData(series(pnl.series.map(point => ({ time: seconds(point.time), value: Number(point.pnl) }))));
    tradeList = tradePage.items;
    trades.replaceChildren(...tradeList.slice(0, 50).map(t => h('tr', {}, h('td', {}, when(t.time)),
      h('td', { class: t.side === 'BUY' ? 'up' : 'down' }, t.side), h('td', { class: 'num' }, num(t.quantity, 4)),
      h('td', { class: 'num' }, num(t.price)), h('td', { class: 'num' }, num(t.fee, 4)))));
    drawMarkers();
  }

  function logLine(entry) {
    return h('div', { dataset: { level: entry.level } }, h('span', { class: 'lvl lvl-' + entry.level }, entry.level),
      h('span', { class: 'muted' }, when(entry.time), ' '), entry.message);
  }

  let logRequest = 0;
  async function loadLog() {
    const chosen = levels();
    const mine = ++logRequest; // a quicker answer to an older filter must not overwrite the newer one
    if (!chosen.length) { logBox.replaceChildren(h('p', { class: 'muted' }, 'No level chosen.')); return; }
    const page = await get(`/api/agents/${id}/logs?limit=200&level=${chosen.join(',')}`);
    if (mine === logRequest) logBox.replaceChildren(...page.items.map(logLine));
  }

  async function loadDecisions() {
    const [page, plan] = await Promise.all([get(`/api/agents/${id}/decisions?limit=50`),
      get(`/api/agents/${id}/plan`).catch(() => null)]);
    decisions.replaceChildren(...page.items.map(d => h('tr', {},
      h('td', {}, when(d.time)), h('td', {}, d.kind),
      h('td', {}, d.provider + (d.model ? ' · ' + d.model : ''), ' ',
        d.fallback ? h('span', { class: 'badge fallback', title: d.fallback_reason || '' }, 'fallback') : null),
      h('td', {}, d.decision, d.validation_notes?.length ? h('div', { class: 'muted' }, 'validation: ' + d.validation_notes.join('; ')) : null),
      h('td', {}, d.reasoning || '', d.fallback && d.fallback_reason ? h('div', { class: 'muted' }, 'why the rules: ' + d.fallback_reason) : null))));
    planBox.replaceChildren(plan ? h('div', {}, h('div', {}, `${plan.strategy_name ?? agent.strategy_name}`
      + (plan.lookback ? `, lookback ${plan.lookback}` : '') + (plan.threshold != null ? `, threshold ${plan.threshold}` : '')
      + (plan.max_loss_pct != null ? `, max loss ${plan.max_loss_pct} %` : '')),
      h('div', { class: 'muted' }, plan.source ? 'from ' + plan.source : '', plan.reasoning ? ' — ' + plan.reasoning : ''))
      : h('span', { class: 'muted' }, agent.strategy_name + ' as configured'));
  }

  levelBoxes.forEach(l => l.querySelector('input').addEventListener('change', () => loadLog().catch(e => toast(e.message))));
  await Promise.all([loadCandles(), loadMoney(), loadLog(), loadDecisions()]);

  const candleTimer = setInterval(() => loadCandles().catch(() => {}), 5000);
  onLeave(() => clearInterval(candleTimer));
  let moneyTimer = null;
  const moneySoon = () => { clearTimeout(moneyTimer); moneyTimer = setTimeout(() => loadMoney().catch(() => {}), 300); };
  onLeave(() => clearTimeout(moneyTimer));
  onLeave(live.subscribe(message => {
    if (message.agent_id !== id) return;
    switch (message.type) {
      case 'agent_status':
        status.replaceChildren(badge(message.status));
        reason.textContent = message.reason || '';
        allow(controls, message.status);
        break;
      case 'log':
        if (levels().includes(message.level)) {
          logBox.prepend(logLine(message));
          while (logBox.childElementCount > 500) logBox.lastElementChild.remove();
        }
        break;
      case 'trade': case 'position':
        moneySoon();
        break;
      case 'decision':
        loadDecisions().catch(() => {});
        break;
    }
  }));
};

views.strategies = async () => {
  const strategies = await get('/api/strategies');
  $view().replaceChildren(h('h1', {}, 'Strategy catalogue'), h('div', { class: 'panel scroll' }, h('table', { id: 'strategies' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Kind'), h('th', {}, 'What it does'), h('th', {}, 'Parameters'))),
    h('tbody', {}, strategies.map(s => h('tr', {}, h('td', {}, s.name), h('td', {}, s.category), h('td', {}, s.description),
      h('td', {}, s.parameters.map(p => h('div', { title: p.description },
        `${p.name} ${p.default_value} (${p.min}–${p.max}${p.integer ? ', integer' : ''})`)))))))));
};

/** A backtest statistic as a trader reads it: ratios of the balance as percentages, counts as whole numbers. */
function statistic(name, value) {
  if (typeof value !== 'number') return String(value);
  if (/return|cagr|win_rate|drawdown|exposure/.test(name)) return num(value * 100, 2) + ' %';
  return Number.isInteger(value) ? num(value, 0) : num(value, 2);
}

views.backtest = async () => {
  const strategies = await get('/api/strategies');
  const result = h('div', { id: 'backtest-result' });
  const form = h('form', { class: 'stack', id: 'backtest-form', novalidate: true },
    h('label', {}, 'Strategy', h('select', { name: 'strategy_name', dataset: { field: 'strategy_name' } },
      strategies.map(s => h('option', { value: s.name, selected: s.name === 'ema_crossover' }, s.name)))),
    h('label', {}, 'Bars', h('select', { name: 'timeframe', dataset: { field: 'timeframe' } },
      ['1m', '5m', '15m', '1h'].map(t => h('option', { value: t, selected: t === '5m' }, t)))),
    field('Stop loss %', 'risk_params.stop_loss_pct', { type: 'number', value: 2, step: 'any' }),
    field('Take profit %', 'risk_params.take_profit_pct', { type: 'number', value: 4, step: 'any' }),
    field('Leverage', 'risk_params.leverage', { type: 'number', value: 1, min: 1, max: 125 }),
    h('div', { style: 'display:grid;gap:.4rem' }, check('Allow shorts', 'allow_short')),
    h('div', { style: 'grid-column:1/-1' }, h('p', { class: 'form-error' }),
      h('button', { class: 'primary', type: 'submit', id: 'backtest-submit' }, 'Run on the bundled BTC/USDT candles')));
  let chart = null;
  onLeave(() => chart?.dispose());
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const button = form.querySelector('#backtest-submit');
    button.disabled = true;
    try {
      const run = await post('/api/backtests', {
        strategy_name: value(form, 'strategy_name'), timeframe: value(form, 'timeframe'), allow_short: value(form, 'allow_short'),
        risk_params: { stop_loss_pct: value(form, 'risk_params.stop_loss_pct'), take_profit_pct: value(form, 'risk_params.take_profit_pct'),
          leverage: value(form, 'risk_params.leverage') },
      });
      showErrors(form, { problem: {}, message: '' });
      chart?.dispose();
      const el = h('div', { class: 'chart', id: 'backtest-chart' });
      result.replaceChildren(h('div', { class: 'panel' }, h('h2', {}, `${run.strategy_name} on ${run.bars} bars of ${run.timeframe}`),
        h('table', { id: 'backtest-stats' }, h('tbody', {}, Object.entries(run.statistics).map(([k, v]) =>
          h('tr', {}, h('th', {}, k.replaceAll('_', ' ')), h('td', { class: 'num' }, statistic(k, v))))))),
        h('div', { class: 'panel' }, h('h2', {}, 'Equity'), el));
      chart = makeChart(el);
      chart.chart.addSeries(LightweightCharts.LineSeries, { color: '#4c8dff' })
        .setData(series(run.equity.map(p => ({ time: seconds(p.time), value: p.equity }))));
      chart.chart.timeScale().fitContent();
    } catch (e) {
      showErrors(form, e);
    } finally {
      button.disabled = false;
    }
  });
  $view().replaceChildren(h('h1', {}, 'Backtest'), h('div', { class: 'panel' }, form), result);
};

views.secrets = async () => {
  const list = h('tbody');
  async function load() {
    const secrets = await get('/api/secrets');
    list.replaceChildren(...secrets.map(s => {
      const remove = h('button', { type: 'button', class: 'danger' }, 'Delete');
      remove.onclick = async () => {
        if (!confirm(`Delete ${s.key_name}?`)) return;
        try { await api('DELETE', `/api/secrets/${encodeURIComponent(s.key_name)}`); await load(); } catch (e) { toast(e.message); }
      };
      return h('tr', { dataset: { secret: s.key_name } }, h('td', {}, s.key_name), h('td', {}, when(s.updated_at)), h('td', {}, remove));
    }));
    if (!secrets.length) list.replaceChildren(h('tr', {}, h('td', { colspan: 3, class: 'muted' }, 'No secrets stored.')));
  }
  const form = h('form', { class: 'stack', id: 'secret-form', novalidate: true },
    h('label', {}, 'Name', h('input', { name: 'key_name', dataset: { field: 'key_name' }, list: 'secret-names', placeholder: 'HASHKEY_API_KEY' })),
    h('datalist', { id: 'secret-names' }, ['HASHKEY_API_KEY', 'HASHKEY_SECRET', 'LLM_PROVIDER', 'LLM_MODEL', 'OPENAI_API_KEY',
      'ANTHROPIC_API_KEY', 'DEEPSEEK_API_KEY', 'GEMINI_API_KEY'].map(n => h('option', { value: n }))),
    field('Value (never shown again)', 'value', { type: 'password', autocomplete: 'off' }),
    h('div', { style: 'grid-column:1/-1' }, h('p', { class: 'form-error' }),
      h('button', { class: 'primary', type: 'submit', id: 'secret-submit' }, 'Store sealed')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await post('/api/secrets', { key_name: value(form, 'key_name'), value: value(form, 'value') });
      form.reset();
      showErrors(form, { problem: {}, message: '' });
      await load();
    } catch (e) {
      showErrors(form, e);
    }
  });
  $view().replaceChildren(h('h1', {}, 'Secrets'),
    h('p', { class: 'muted' }, 'Exchange and model keys, sealed at rest. Names only are ever shown.'),
    h('div', { class: 'panel scroll' }, h('table', { id: 'secrets' }, h('thead', {}, h('tr', {}, h('th', {}, 'Name'),
      h('th', {}, 'Updated'), h('th', {}, ''))), list)),
    h('div', { class: 'panel' }, form));
  await load();
};

// ------------------------------------------------------------------ start

document.getElementById('logout').addEventListener('click', () => signOut());
window.addEventListener('hashchange', render);
render(); // a module runs once the document is parsed
