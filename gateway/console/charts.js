// The figures' charts (issue 18): each canvas[data-chart] is drawn by Chart.js, served from the
// gateway (chart.js from npm), with the data the page carries in its data-chart attribute.
'use strict';
/* global Chart */

(function () {
  if (typeof Chart === 'undefined') return;
  document.querySelectorAll('canvas[data-chart]').forEach((canvas) => {
    const { kind, label, labels, values } = JSON.parse(canvas.dataset.chart);
    canvas.chart = new Chart(canvas, {
      type: kind,
      data: { labels, datasets: [{ label, data: values, backgroundColor: '#0b5cad', borderColor: '#0b5cad' }] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true } },
      },
    });
  });
})();
