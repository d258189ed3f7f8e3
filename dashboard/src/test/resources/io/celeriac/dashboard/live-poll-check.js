// Runs the real dashboard.js against a stub page (node, no browser): one poll round sets each
// data-live element's text from /api/live (as text, never markup) and redraws the last hour's
// chart with the snapshot's series, and a 401 stops the polling.
// Usage: node live-poll-check.js path/to/dashboard.js     exit 0 = passed, else prints why.
const fs = require('fs');
const vm = require('vm');
const source = fs.readFileSync(process.argv[2], 'utf8');
const cells = ['workers_online', 'queue:ready:q', 'worker:state:w@h'].map(function (key) {
  return { key: key, textContent: 'old', getAttribute: function () { return key; } };
});
const status = { textContent: '' };
const hourData = { first_minute_epoch_s: 600, step_s: 60, processed: [1, 2], failed: [0, 0], retried: [0, 1] };
const elements = { 'live-status': status, 'chart-data': { textContent: JSON.stringify(hourData) }, 'chart': {} };
let redrawn = null;
let poll = null;
let stopped = false;
let answer = { status: 200, body: { sampled_at: '2026-12-07T10:00:00Z',
  values: { 'workers_online': '2 of 3', 'queue:ready:q': '<b>5</b>' },
  last_hour: { first_minute_epoch_s: 660, step_s: 60, processed: [2, 7], failed: [0, 1], retried: [1, 0] } } };
const asked = [];
const context = {
  document: {
    hidden: false,
    querySelectorAll: function (selector) { return selector === '[data-live]' ? cells : []; },
    getElementById: function (id) { return elements[id] || null; },
    addEventListener: function () {}
  },
  window: { innerWidth: 1000 },
  uPlot: function (options, data) { this.setData = function (next) { redrawn = next; }; },
  setInterval: function (fn, ms) { if (ms !== 5000) { throw new Error('polls every ' + ms); } poll = fn; return 1; },
  clearInterval: function () { stopped = true; },
  setTimeout: setTimeout,
  fetch: function (url) {
    asked.push(url);
    const a = answer;
    return Promise.resolve({ status: a.status, ok: a.status === 200, json: function () { return Promise.resolve(a.body); } });
  },
  Date: Date
};
vm.createContext(context);
vm.runInContext(source, context);
function fail(why) { console.error('FAILED: ' + why); process.exit(1); }
if (!poll) { fail('no polling started on a page with data-live elements'); }
poll();
setTimeout(function () {
  if (asked[0] !== '/api/live') { fail('asked ' + asked[0]); }
  if (cells[0].textContent !== '2 of 3') { fail('workers_online is ' + cells[0].textContent); }
  if (cells[1].textContent !== '<b>5</b>') { fail('a value is set as text: ' + cells[1].textContent); }
  if (cells[2].textContent !== 'old') { fail('a key the snapshot lacks keeps its text: ' + cells[2].textContent); }
  if (status.textContent.indexOf('Live') !== 0) { fail('status says ' + status.textContent); }
  if (!redrawn || redrawn[0][0] !== 660 || redrawn[1][1] !== 7 || redrawn[2][1] !== 1) {
    fail('the hour chart was not redrawn from the snapshot: ' + JSON.stringify(redrawn));
  }
  answer = { status: 401, body: null };
  poll();
  setTimeout(function () {
    if (!stopped) { fail('a 401 did not stop the polling'); }
    if (status.textContent.indexOf('Logged out') !== 0) { fail('status after 401: ' + status.textContent); }
    console.log('live-poll-check: passed');
  }, 20);
}, 20);
