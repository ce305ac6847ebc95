"""What a phone reader meets, measured in the page: content wider than the screen, and tap
targets smaller than WCAG 2.2's 24 × 24 CSS px (2.5.8, Target Size (Minimum))."""

# Each function returns a list of readable problems, empty when the page is fine.

_DESCRIBE = """
const describe = (element) => {
  const parts = [];
  for (let node = element; node && node !== document.body && parts.length < 4;
       node = node.parentElement) {
    let name = node.tagName.toLowerCase();
    if (node.id) name += "#" + node.id;
    else if (node.classList.length) name += "." + [...node.classList].join(".");
    parts.unshift(name);
  }
  return parts.join(" > ");
};
"""

OVERFLOW = (
    """() => {
  const root = document.documentElement;
  const limit = root.clientWidth;
  if (root.scrollWidth <= limit) return [];
"""
    + _DESCRIBE
    + """
  const past = (box) => box.width > 0 && box.right > limit + 0.5;
  const clips = (element) => getComputedStyle(element).overflowX !== "visible"
    && !past(element.getBoundingClientRect());
  // Whether a scrolling or clipping box that fits holds the element. An absolutely placed
  // element escapes every box up to its containing block (the nearest placed ancestor).
  const contained = (element) => {
    for (let node = element; node.parentElement && node.parentElement !== document.body;) {
      const position = getComputedStyle(node).position;
      if (position === "fixed") return false;
      let parent = node.parentElement;
      if (position === "absolute") {
        while (parent !== document.body && getComputedStyle(parent).position === "static")
          parent = parent.parentElement;
        if (parent === document.body) return false;
      }
      if (clips(parent)) return true;
      node = parent;
    }
    return false;
  };
  const found = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (!past(element.getBoundingClientRect()) || contained(element)) continue;
    // The outermost element that sticks out: the others are inside it.
    const parent = element.parentElement;
    if (parent !== document.body && past(parent.getBoundingClientRect()) && !contained(parent))
      continue;
    found.push(`${describe(element)} (right edge at ${
      Math.round(element.getBoundingClientRect().right)} px)`);
  }
  // Text spilling out of a box that fits: a long word, an address.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const parent = text.parentElement;
    if (!text.textContent.trim() || past(parent.getBoundingClientRect())) continue;
    if (clips(parent) || contained(parent)) continue;
    range.selectNodeContents(text);
    if ([...range.getClientRects()].some(past)) {
      found.push(`text "${text.textContent.trim().slice(0, 40)}" in ${describe(parent)}`);
    }
  }
  return [`${root.scrollWidth} px wide in ${limit} px`, ...found.slice(0, 12)];
}"""
)

TAP_TARGETS = (
    """() => {
"""
    + _DESCRIBE
    + """
  const MINIMUM = 24;
  const selector = "a[href], button, input[type=radio], input[type=checkbox], "
    + "input[type=submit], input[type=button], select, summary";
  const isBlock = (element) => !getComputedStyle(element).display.startsWith("inline");
  // WCAG's inline exception: a link in a sentence is as tall as the line it sits in.
  const inSentence = (element) => {
    if (!getComputedStyle(element).display.startsWith("inline")) return false;
    if (element.tagName !== "A") return false;
    let block = element.parentElement;
    while (block && !isBlock(block)) block = block.parentElement;
    if (!block || !block.closest("p, li, dd, td, th, figcaption, blockquote, label")) return false;
    return block.textContent.replace(element.textContent, "").trim().length > 0;
  };
  const targets = [];
  for (const element of document.querySelectorAll(selector)) {
    const box = element.getBoundingClientRect();
    // Off screen until focused (the skip link), hidden, or visually hidden.
    if (box.right <= 0 || box.width <= 1 || box.height <= 1) continue;
    if (!element.checkVisibility({ visibilityProperty: true })) continue;
    targets.push({ element, box, small: box.width < MINIMUM - 0.5 || box.height < MINIMUM - 0.5 });
  }
  const describeTarget = ({ element, box }) => {
    const label = (element.textContent || element.value || element.id || "").trim();
    return `${describe(element)} "${label.slice(0, 30)}" is ${
      Math.round(box.width)} × ${Math.round(box.height)} px`;
  };
  const centre = (box) => [(box.left + box.right) / 2, (box.top + box.bottom) / 2];
  const distanceToBox = ([x, y], box) => Math.hypot(
    Math.max(box.left - x, 0, x - box.right), Math.max(box.top - y, 0, y - box.bottom));
  // Controls, and links in the header, navigation and footer, are never smaller: the spacing
  // exception is for the other links (WCAG allows it; a bigger target is kinder all the same).
  const strict = (element) => element.tagName !== "A" || element.closest("header, nav, footer");
  const problems = [];
  for (const target of targets) {
    if (!target.small || inSentence(target.element)) continue;
    if (strict(target.element)) {
      problems.push(describeTarget(target));
      continue;
    }
    // WCAG's spacing exception: a 24 px circle on the target touches no other target, nor
    // another small target's circle.
    const middle = centre(target.box);
    const crowded = targets.some((other) => other !== target
      && !other.element.contains(target.element) && !target.element.contains(other.element)
      && (distanceToBox(middle, other.box) < MINIMUM / 2
        || (other.small && Math.hypot(middle[0] - centre(other.box)[0],
                                      middle[1] - centre(other.box)[1]) < MINIMUM)));
    if (crowded) problems.push(describeTarget(target));
  }
  return problems;
}"""
)


def overflow(page):
    return page.evaluate(OVERFLOW)


def small_tap_targets(page):
    return page.evaluate(TAP_TARGETS)
