// The flows console: reads and drives flows through the envelope API with the user's key.
// Everything on the page is built with textContent and DOM calls, never from HTML strings, so names and
// messages from the API cannot inject markup; the host's Content-Security-Policy forbids inline script.

const keyStorage = 'flowgrains.console.key';
const runsPerPage = 20;
const flowsPerPage = 100;
const pollMilliseconds = 1000;
const runningStatuses = new Set(['InProgress', 'CancelStarted']);

const $ = (id) => document.getElementById(id);

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** POSTs one operation of the envelope API; answers its data, or throws the envelope's error. */
async function call(operation, body) {
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  const key = sessionStorage.getItem(keyStorage);
  if (key) {
    headers.authorization = `Bearer ${key}`;
  }

  let response;
  try {
    // credentials 'omit': the key travels only in the header, and a refusal never opens the browser's own
    // Basic sign-in prompt (the host offers Basic for /dashboard).
    response = await fetch(new URL(`../${operation}`, document.baseURI), {
      method: 'POST', headers, body: JSON.stringify(body), credentials: 'omit', cache: 'no-store',
    });
  } catch (failure) {
    throw new ApiError(0, 'UNREACHABLE', `The host did not answer: ${failure.message}`);
  }

  const envelope = await response.json().catch(() => null);
  if (envelope?.success) {
    return envelope.data;
  }
  throw new ApiError(response.status, envelope?.error?.code ?? `HTTP_${response.status}`,
    envelope?.error?.message ?? (response.statusText || 'No message.'));
}

/** Builds an element; children are nodes or text. */
function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, value);
  }
  element.append(...children.filter((child) => child !== null && child !== undefined));
  return element;
}

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  element.append(...children);
  return element;
}

function time(iso) {
  if (!iso) {
    return '—';
  }
  const text = new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return el('time', { datetime: iso }, text);
}

function duration(run) {
  const ms = Date.parse(run.lastUpdatedAt) - Date.parse(run.startedAt);
  if (ms < 1000) {
    return `${ms} ms`;
  }
  if (ms < 60_000) {
    return `${(ms / 1000).toFixed(1)} s`;
  }
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

const number = (value) => Number(value ?? 0).toLocaleString('en');

function status(text) {
  return el('span', { class: `status status-${text}` }, text);
}

// --- messages ---

function showError(failure) {
  const box = $('error');
  box.textContent = failure instanceof ApiError ? `${failure.code}: ${failure.message}` : `Error: ${failure.message}`;
  box.hidden = false;
}

function clearMessages() {
  $('error').hidden = true;
  $('error').textContent = '';
  $('notice').textContent = '';
}

function notify(text) {
  $('notice').textContent = text;
}

/** A refused key sends the user back to sign in; every other failure is shown as the envelope said it. */
function handle(failure) {
  if (failure instanceof ApiError && failure.status === 401) {
    const hadKey = sessionStorage.getItem(keyStorage) !== null;
    sessionStorage.removeItem(keyStorage);
    showOnly('sign-in');
    updateSignedIn(false);
    if (hadKey) {
      showError(failure);
    }
    $('key-id').focus();
    return;
  }
  showError(failure);
}

function showOnly(section) {
  for (const id of ['sign-in', 'flows', 'flow']) {
    $(id).hidden = id !== section;
  }
}

function updateSignedIn(answered) {
  const key = sessionStorage.getItem(keyStorage);
  $('signed-in').hidden = !answered;
  $('sign-out').hidden = !key;
  $('key-name').textContent = key ? `Key ${key.split(':')[0]}` : 'Keys are off on this host';
}

// --- the list of flows ---

async function showFlows(nextToken = null) {
  const data = await call('list-flows', { maxResults: flowsPerPage, ...(nextToken ? { nextToken } : {}) });
  updateSignedIn(true);
  showOnly('flows');
  const rows = $('flow-rows');
  if (!nextToken) {
    rows.replaceChildren();
  }
  for (const flow of data.flows) {
    const last = flow.lastRunExecutionDetails;
    rows.append(el('tr', {},
      el('td', {}, el('a', { href: `#/flows/${encodeURIComponent(flow.flowName)}` }, flow.flowName)),
      el('td', {}, status(flow.flowStatus)),
      el('td', {}, flow.triggerType),
      el('td', {}, last ? status(last.mostRecentExecutionStatus) : 'never', last ? ' ' : null,
        last ? time(last.mostRecentExecutionTime) : null)));
  }
  $('no-flows').hidden = rows.children.length > 0;
  const more = $('more-flows');
  more.hidden = !data.nextToken;
  more.onclick = () => showFlows(data.nextToken).catch(handle);
}

// --- one flow ---

/** The flow on screen: its name, the run pages' tokens, and the run a Start is waiting for. */
let shown = null;

async function showFlow(flowName) {
  shown = { flowName, tokens: [null], page: 0, awaiting: null, timer: null };
  await refreshFlow(shown);
  showOnly('flow');
}

async function refreshFlow(view) {
  const [flow, runs] = await Promise.all([
    call('describe-flow', { flowName: view.flowName }),
    call('describe-flow-execution-records', {
      flowName: view.flowName, maxResults: runsPerPage, ...(view.tokens[view.page] ? { nextToken: view.tokens[view.page] } : {}),
    }),
  ]);
  if (view !== shown) {
    return;
  }
  updateSignedIn(true);
  renderFlow(flow);
  renderRuns(view, runs);
  pollWhileRunning(view, runs.flowExecutions);
}

function renderFlow(flow) {
  $('flow-title').textContent = flow.flowName;
  $('flow-status').replaceChildren(status(flow.flowStatus), flow.flowStatusMessage ? ` ${flow.flowStatusMessage}` : '');
  $('flow-trigger').textContent = flow.triggerConfig.triggerType;
  const scheduled = flow.triggerConfig.triggerProperties?.Scheduled;
  $('flow-schedule').textContent = scheduled
    ? `${scheduled.scheduleExpression} (${scheduled.timezone ?? 'UTC'})`
    : '—';
  $('flow-next-run').replaceChildren(time(flow.nextScheduledRunAt));
  const definition = {
    description: flow.description,
    triggerConfig: flow.triggerConfig,
    sourceFlowConfig: flow.sourceFlowConfig,
    destinationFlowConfigList: flow.destinationFlowConfigList,
    tasks: flow.tasks,
    tags: flow.tags,
  };
  $('flow-definition').textContent = JSON.stringify(definition, null, 2);
}

function renderRuns(view, data) {
  view.tokens[view.page + 1] = data.nextToken ?? null;
  const runs = data.flowExecutions;
  $('run-rows').replaceChildren(...runs.map((run) => el('tr', { 'data-execution-id': run.executionId },
    el('td', {}, status(run.executionStatus)),
    el('td', {}, time(run.startedAt)),
    el('td', { class: 'number' }, number(run.executionResult?.recordsProcessed)),
    el('td', { class: 'number' }, number(run.executionResult?.bytesProcessed)),
    el('td', { class: 'number' }, number(run.executionResult?.bytesWritten)),
    el('td', { class: 'number' }, duration(run)),
    el('td', {}, el('code', {}, run.executionId)),
    el('td', {}, run.executionResult?.errorInfo?.executionMessage ?? ''),
    el('td', {}, runningStatuses.has(run.executionStatus) ? cancelButton(view, run.executionId) : ''))));
  $('no-runs').hidden = runs.length > 0;
  $('newer-runs').hidden = view.page === 0;
  $('older-runs').hidden = !data.nextToken;
  renderChart(runs);
}

/** Bars of records per run, oldest on the left, colored by status; each bar says its run in a tooltip. */
function renderChart(runs) {
  const width = 640;
  const height = 160;
  const top = 16;
  const chronological = [...runs].reverse();
  const most = Math.max(1, ...chronological.map((run) => Number(run.executionResult?.recordsProcessed ?? 0)));
  const slot = width / Math.max(chronological.length, 10);
  const bars = chronological.map((run, index) => {
    const records = Number(run.executionResult?.recordsProcessed ?? 0);
    const barHeight = Math.max(2, Math.round((records / most) * (height - top - 4)));
    const x = Math.round(index * slot + slot * 0.15);
    const barWidth = Math.max(2, Math.round(slot * 0.7));
    return svg('g', {},
      svg('rect', {
        class: `bar status-${run.executionStatus}`, x, y: height - barHeight, width: barWidth, height: barHeight,
        'data-execution-id': run.executionId, 'data-records': records,
      }, svg('title', {}, `${run.executionStatus}: ${number(records)} records, started ${run.startedAt}`)),
      svg('text', { x: x + barWidth / 2, y: height - barHeight - 3, 'text-anchor': 'middle' }, number(records)));
  });
  $('run-chart').replaceChildren(svg('svg', {
    viewBox: `0 0 ${width} ${height}`, width, height, 'aria-hidden': 'true', focusable: 'false',
  }, svg('line', { x1: 0, y1: height - 0.5, x2: width, y2: height - 0.5, class: 'axis' }), ...bars));
}

function cancelButton(view, executionId) {
  const button = el('button', { type: 'button', 'aria-label': `Cancel run ${executionId}` }, 'Cancel');
  button.onclick = () => act(button, async () => {
    const data = await call('cancel-flow-executions', { flowName: view.flowName, executionIds: [executionId] });
    notify(data.invalidExecutions.includes(executionId) ? `Run ${executionId} had already ended.` : `Cancelling run ${executionId}.`);
  });
  return button;
}

/** Reads again while a run on the first page is going, or a run just started has not shown up yet. */
function pollWhileRunning(view, runs) {
  clearTimeout(view.timer);
  const running = runs.some((run) => runningStatuses.has(run.executionStatus));
  const awaited = view.awaiting !== null && !runs.some((run) => run.executionId === view.awaiting && !runningStatuses.has(run.executionStatus));
  if (view.page === 0 && (running || awaited)) {
    view.timer = setTimeout(() => refreshFlow(view).catch(handle), pollMilliseconds);
  } else {
    view.awaiting = null;
  }
}

/** Runs one button's operation with the button disabled, then shows the flow again, at its newest runs unless paging. */
async function act(button, operation, { keepPage = false } = {}) {
  clearMessages();
  button.disabled = true;
  try {
    await operation();
    if (shown) {
      shown.page = keepPage ? shown.page : 0;
      await refreshFlow(shown);
    }
  } catch (failure) {
    handle(failure);
  } finally {
    button.disabled = false;
  }
}

// A clientToken per click, so a click is one start however the request travels; getRandomValues works on plain http too.
function clientToken() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function wireFlowButtons() {
  $('start-flow').onclick = (event) => act(event.currentTarget, async () => {
    const data = await call('start-flow', { flowName: shown.flowName, clientToken: clientToken() });
    shown.awaiting = data.executionId ?? null;
    notify(data.executionId ? `Started run ${data.executionId}.` : `Flow is ${data.flowStatus}.`);
  });
  $('stop-flow').onclick = (event) => act(event.currentTarget, async () => {
    const data = await call('stop-flow', { flowName: shown.flowName });
    notify(`Flow is ${data.flowStatus}.`);
  });
  $('refresh-flow').onclick = (event) => act(event.currentTarget, async () => {});
  $('older-runs').onclick = (event) => act(event.currentTarget, async () => { shown.page += 1; }, { keepPage: true });
  $('newer-runs').onclick = (event) => act(event.currentTarget, async () => { shown.page -= 1; }, { keepPage: true });
}

// --- navigation and sign-in ---

async function route() {
  clearMessages();
  if (shown) {
    clearTimeout(shown.timer);
    shown = null;
  }
  const match = location.hash.match(/^#\/flows\/(.+)$/);
  try {
    if (match) {
      await showFlow(decodeURIComponent(match[1]));
    } else {
      await showFlows();
    }
  } catch (failure) {
    handle(failure);
  }
}

function wireSignIn() {
  $('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(keyStorage, `${$('key-id').value.trim()}:${$('key-secret').value}`);
    $('key-secret').value = '';
    route();
  });
  $('sign-out').onclick = () => {
    sessionStorage.removeItem(keyStorage);
    location.hash = '#/';
    route();
  };
}

wireSignIn();
wireFlowButtons();
window.addEventListener('hashchange', route);
route();
