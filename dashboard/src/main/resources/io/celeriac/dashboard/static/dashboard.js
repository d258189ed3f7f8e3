// Times in the viewer's zone (the UTC value stays in the title), the overview's charts (uPlot),
// and the live values: elements with data-live="key" take their text from /api/live every 5 s
// (one shared sample per dashboard process, however many tabs poll; paused while the tab is hidden),
// which also redraws the last hour's chart.
document.querySelectorAll('time[datetime]').forEach(function (t) {
  var d = new Date(t.getAttribute('datetime'));
  if (!isNaN(d)) { t.textContent = d.toLocaleString(); }
});
function countsOf(data) {
  var xs = data.processed.map(function (_, i) { return data.first_minute_epoch_s + i * data.step_s; });
  return [xs, data.processed, data.failed, data.retried];
}
function drawChart(sourceId, targetId) {
  var source = document.getElementById(sourceId);
  var target = document.getElementById(targetId);
  if (!source || !target || typeof uPlot === 'undefined') { return null; }
  return new uPlot({
    width: Math.min(900, window.innerWidth - 40), height: 220,
    series: [{}, { label: 'processed', stroke: '#2d7a2b' }, { label: 'failed', stroke: '#b00' }, { label: 'retried', stroke: '#c80' }]
  }, countsOf(JSON.parse(source.textContent)), target);
}
var hourChart = drawChart('chart-data', 'chart');
drawChart('chart-day-data', 'chart-day');
(function () {
  var cells = document.querySelectorAll('[data-live]');
  var status = document.getElementById('live-status');
  if (cells.length === 0 || typeof fetch === 'undefined') { return; }
  var timer = null;
  function say(text) { if (status) { status.textContent = text; } }
  function poll() {
    if (document.hidden) { return; }
    fetch('/api/live', { credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
      if (r.status === 401) { clearInterval(timer); say('Logged out: reload the page to log in again.'); return null; }
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.json();
    }).then(function (snap) {
      if (!snap) { return; }
      if (hourChart && snap.last_hour) { hourChart.setData(countsOf(snap.last_hour)); }
      cells.forEach(function (el) {
        var v = snap.values[el.getAttribute('data-live')];
        if (v !== undefined && el.textContent !== v) { el.textContent = v; }
      });
      say('Live: read ' + new Date(snap.sampled_at).toLocaleTimeString());
    }).catch(function (e) { say('Live updates paused (' + e.message + '); retrying.'); });
  }
  timer = setInterval(poll, 5000);
  document.addEventListener('visibilitychange', poll);
})();
(function () {
  var source = document.getElementById('chart-depth-data');
  var target = document.getElementById('chart-depth');
  if (!source || !target || typeof uPlot === 'undefined') { return; }
  var data = JSON.parse(source.textContent);
  var names = Object.keys(data.queues);
  if (names.length === 0) { return; }
  var colors = ['#2d7a2b', '#1f5fa8', '#b00', '#c80', '#7a2d7a', '#2d7a7a', '#555', '#a85f1f'];
  var xs = data.queues[names[0]].map(function (_, i) { return data.first_minute_epoch_s + i * 60; });
  var series = [{}].concat(names.map(function (n, i) { return { label: n, stroke: colors[i % colors.length] }; }));
  new uPlot({ width: Math.min(900, window.innerWidth - 40), height: 220, series: series },
    [xs].concat(names.map(function (n) { return data.queues[n]; })), target);
})();
