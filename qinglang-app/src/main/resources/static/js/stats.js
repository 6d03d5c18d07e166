// The statistics page's charts (处置统计图表): the data comes from the page's data-stats attribute (written
// escaped by the server), ECharts from its WebJar on this server. Tooltips render as rich text, not HTML.
(function () {
  'use strict';
  var root = document.getElementById('charts');
  if (!root || typeof echarts === 'undefined') {
    return;
  }
  var data = JSON.parse(root.getAttribute('data-stats'));
  var boxes = root.querySelectorAll('[data-chart]');
  var made = [];
  for (var i = 0; i < boxes.length; i++) {
    var chart = data.charts[boxes[i].getAttribute('data-chart')];
    if (!chart) {
      continue;
    }
    var names = Object.keys(chart.series);
    var series = names.map(function (name) {
      return {
        name: name, type: chart.type, data: chart.series[name], connectNulls: false,
        stack: chart.stack ? 'all' : undefined
      };
    });
    var c = echarts.init(boxes[i]);
    c.setOption({
      tooltip: {trigger: 'axis', renderMode: 'richText'},
      legend: {type: 'scroll', data: names},
      grid: {left: 48, right: 16, top: 40, bottom: 32},
      xAxis: {type: 'category', data: data.days},
      yAxis: chart.percent ? {type: 'value', min: 0, max: 100} : {type: 'value', minInterval: 1},
      series: series
    });
    made.push(c);
  }
  window.addEventListener('resize', function () {
    made.forEach(function (c) { c.resize(); });
  });
})();
