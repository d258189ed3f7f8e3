// Times in the viewer's zone (the UTC value stays in the title), and the overview's chart (uPlot).
document.querySelectorAll('time[datetime]').forEach(function (t) {
  var d = new Date(t.getAttribute('datetime'));
  if (!isNaN(d)) { t.textContent = d.toLocaleString(); }
});
(function () {
  var source = document.getElementById('chart-data');
  var target = document.getElementById('chart');
  if (!source || !target || typeof uPlot === 'undefined') { return; }
  var data = JSON.parse(source.textContent);
  var first = data.first_minute_epoch_s;
  var xs = data.processed.map(function (_, i) { return first + i * 60; });
  new uPlot({
    width: Math.min(900, window.innerWidth - 40), height: 260,
    series: [{}, { label: 'processed', stroke: '#2d7a2b' }, { label: 'failed', stroke: '#b00' }, { label: 'retried', stroke: '#c80' }]
  }, [xs, data.processed, data.failed, data.retried], target);
})();
