/*
 * Indicators dashboard (quizzes/templates/quizzes/admin/dashboard.html): draw each chart.
 *
 * Each card has <script type="application/json" id="indicator-<pk>-data"> (json_script) with
 * percent, signed, target, valueLabel, targetLabel, intervalLabel and charts: {<key>: {type,
 * labels, values, low, high}}. Each <canvas data-indicator-chart="<data id>"
 * data-chart-key="<key>"> gets the chart for that key. Values of groups too small to show are
 * null: the chart leaves a gap. The table beside each chart has the same figures, so the page
 * reads the same without this script or Chart.js (vendor/chart.js/chart.umd.min.js).
 * Plain ES2017, no build step, no requests.
 */
(() => {
  "use strict";

  const VALUE_COLOUR = "#007d7e";
  const INTERVAL_COLOUR = "rgba(0, 125, 126, 0.15)";
  const TARGET_COLOUR = "#b3261e";

  function readJSON(id) {
    const element = document.getElementById(id);
    if (!element) {
      return null;
    }
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return null;
    }
  }

  function formatter(lang, data) {
    const options = data.percent
      ? { style: "percent", maximumFractionDigits: 0 }
      : { minimumFractionDigits: 2, maximumFractionDigits: 2 };
    if (data.signed) {
      options.signDisplay = "exceptZero";
    }
    const format = new Intl.NumberFormat(lang, options);
    return (value) => (value === null || value === undefined ? "" : format.format(value));
  }

  function datasets(data, chart) {
    const line = chart.type === "line";
    const sets = [
      {
        type: chart.type,
        label: data.valueLabel,
        data: chart.values,
        borderColor: VALUE_COLOUR,
        backgroundColor: line ? VALUE_COLOUR : "rgba(0, 125, 126, 0.75)",
        borderWidth: 2,
        spanGaps: false,
        order: 1,
      },
    ];
    if (line) {
      // The 95% interval as a band between its upper and lower bounds.
      sets.push(
        {
          type: "line",
          label: data.intervalLabel,
          data: chart.high,
          borderWidth: 0,
          pointRadius: 0,
          backgroundColor: INTERVAL_COLOUR,
          fill: "+1",
          spanGaps: false,
          order: 3,
        },
        {
          type: "line",
          label: "",
          data: chart.low,
          borderWidth: 0,
          pointRadius: 0,
          fill: false,
          spanGaps: false,
          order: 3,
        }
      );
    }
    if (data.target !== null && data.target !== undefined) {
      sets.push({
        type: "line",
        label: data.targetLabel,
        data: chart.labels.map(() => data.target),
        borderColor: TARGET_COLOUR,
        backgroundColor: TARGET_COLOUR,
        borderDash: [6, 4],
        borderWidth: 2,
        pointRadius: 0,
        fill: false,
        order: 0,
      });
    }
    return sets;
  }

  function draw(canvas, data, chart, lang) {
    const format = formatter(lang, data);
    const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    const yScale = { ticks: { callback: (value) => format(value) } };
    if (data.percent) {
      yScale.min = 0;
      yScale.max = 1;
    } else if (chart.type === "bar" && !data.signed) {
      yScale.beginAtZero = true;
    }
    // eslint-disable-next-line no-new
    new window.Chart(canvas, {
      type: chart.type,
      data: { labels: chart.labels, datasets: datasets(data, chart) },
      options: {
        locale: lang,
        responsive: true,
        maintainAspectRatio: false,
        animation: reduceMotion ? false : { duration: 300 },
        scales: { y: yScale },
        plugins: {
          legend: {
            labels: { filter: (item) => Boolean(item.text) },
          },
          tooltip: {
            filter: (item) => Boolean(item.dataset.label),
            callbacks: {
              label: (context) => `${context.dataset.label}: ${format(context.parsed.y)}`,
            },
          },
        },
      },
    });
    canvas.dataset.chartReady = "true";
  }

  function init() {
    if (typeof window.Chart !== "function") {
      return;
    }
    const lang = document.documentElement.lang || "en";
    const cache = new Map();
    document.querySelectorAll("canvas[data-indicator-chart]").forEach((canvas) => {
      const id = canvas.dataset.indicatorChart;
      if (!cache.has(id)) {
        cache.set(id, readJSON(id));
      }
      const data = cache.get(id);
      const chart = data && data.charts ? data.charts[canvas.dataset.chartKey] : null;
      if (chart && chart.labels.length) {
        draw(canvas, data, chart, lang);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
