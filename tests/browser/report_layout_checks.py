"""What a program lead would see go wrong on a report page, measured in the page (issue 17):
a chart's marks or labels cut off by its box, and table headers that do not sit over their
columns. Each function returns readable problems, empty when the page is fine."""

CHART_CLIPPING = """() => {
  const problems = [];
  const charts = [...document.querySelectorAll("figure.chart svg, .chart svg")];
  for (const svg of charts) {
    const frame = svg.getBoundingClientRect();
    const name = svg.closest("[data-chart]")?.dataset.chart
      || svg.getAttribute("aria-labelledby") || "chart";
    if (frame.width < 50 || frame.height < 50) {
      problems.push(`${name}: drawn ${Math.round(frame.width)} × ${Math.round(frame.height)} px`);
      continue;
    }
    // The figure holding the chart must show all of it too (no overflow hidden or scrolled).
    const figure = svg.closest("figure") || svg.parentElement;
    const outer = figure.getBoundingClientRect();
    if (frame.left < outer.left - 1 || frame.right > outer.right + 1) {
      problems.push(
        `${name}: ${Math.round(frame.width)} px wide in a ${Math.round(outer.width)} px box`);
    }
    for (const mark of svg.querySelectorAll("rect, line, polyline, path, circle, text")) {
      const box = mark.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      // Text drawn too small to read once the chart is scaled to its box.
      const size = mark.tagName === "text"
        ? parseFloat(mark.getAttribute("font-size") || "10") * frame.width
          / svg.viewBox.baseVal.width
        : null;
      if (size !== null && size < 9) {
        problems.push(`${name}: text "${mark.textContent.trim()}" drawn at ${size.toFixed(1)} px`);
      }
      if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5
          || box.top < frame.top - 0.5 || box.bottom > frame.bottom + 0.5) {
        const what = mark.tagName === "text" ? `text "${mark.textContent.trim()}"` : mark.tagName;
        problems.push(`${name}: ${what} outside the chart (${Math.round(box.left - frame.left)}, `
          + `${Math.round(box.top - frame.top)}, ${Math.round(box.right - frame.left)}, `
          + `${Math.round(box.bottom - frame.top)} in ${Math.round(frame.width)} × `
          + `${Math.round(frame.height)})`);
      }
    }
  }
  return problems;
}"""

TABLE_ALIGNMENT = """() => {
  const problems = [];
  const tables = [...document.querySelectorAll("table")].filter(
    (table) => table.tHead && table.tBodies.length && table.getBoundingClientRect().width > 0);
  for (const table of tables) {
    const name = (table.caption?.textContent || table.dataset.table || "table").trim();
    const frame = table.parentElement.getBoundingClientRect();
    const tableBox = table.getBoundingClientRect();
    const scrolls = getComputedStyle(table.parentElement).overflowX !== "visible";
    if (tableBox.right > frame.right + 1 && !scrolls) {
      problems.push(`${name}: wider than its box`);
    }
    const headers = [...table.tHead.rows[0].cells];
    for (const row of table.tBodies[0].rows) {
      const cells = [...row.cells];
      if (cells.length !== headers.length) continue;  // a row that says "no answers"
      cells.forEach((cell, index) => {
        const header = headers[index];
        const head = header.getBoundingClientRect();
        const body = cell.getBoundingClientRect();
        if (Math.abs(head.left - body.left) > 1 || Math.abs(head.right - body.right) > 1) {
          problems.push(`${name}: column ${index + 1} is not under its header`);
          return;
        }
        // Numbers and their header line up on the same side, so the header sits over them.
        const headAlign = getComputedStyle(header).textAlign;
        const bodyAlign = getComputedStyle(cell).textAlign;
        const side = (align) => (align === "right" || align === "end" ? "end" : "start");
        if (cell.textContent.trim() && side(headAlign) !== side(bodyAlign)) {
          problems.push(`${name}: "${header.textContent.trim()}" is aligned ${side(headAlign)} `
            + `over "${cell.textContent.trim()}" aligned ${side(bodyAlign)}`);
        }
        // Text cut off inside a cell.
        const hides = getComputedStyle(cell).overflow !== "visible";
        if (cell.scrollWidth > cell.clientWidth + 1 && hides) {
          problems.push(`${name}: "${cell.textContent.trim()}" is cut off`);
        }
      });
    }
  }
  return problems;
}"""


def clipped_charts(page):
    return page.evaluate(CHART_CLIPPING)


def misaligned_tables(page):
    return page.evaluate(TABLE_ALIGNMENT)
