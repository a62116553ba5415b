// contested map page. Everything that comes from a source is put in the page as text
// (textContent, createTextNode), never parsed as HTML: a quote holding "<script>" shows it.
"use strict";

const STATIC = document.currentScript.src.replace(/app\.js(\?.*)?$/, "");
const EVENT_WINDOW_DAYS = 30;
const UNKNOWN_COLOR = "#9e9e9e";
// Colours of the actors that hold most ground; any other actor gets one from the palette.
const KNOWN_COLORS = {
  "islamic-state": "#1b1b1b",
  "syrian-regime": "#c62828",
  "government-of-syria": "#c62828",
  "syrian-rebels": "#2e7d32",
  "jaysh-al-fatah": "#558b2f",
  "jabhat-al-nusra": "#6d4c41",
  "ahrar-al-sham": "#00897b",
  "democratic-union-party": "#f9a825",
  "syrian-democratic-forces": "#f9a825",
  "turkey": "#6a1b9a",
};
const PALETTE = ["#1565c0", "#ef6c00", "#00838f", "#ad1457", "#827717", "#4527a0", "#5d4037",
  "#00695c", "#9e9d24", "#283593"];

const state = {
  summary: null,
  day0: null,          // the slider's first day (a Date at UTC midnight)
  date: null,          // "YYYY-MM-DD"
  control: null,       // the last /api/control answer
  markers: new Map(),  // place_id -> maplibregl.Marker
  sources: new Map(),  // source_id -> Promise of /api/sources/{id}
  ready: false,
};

// Small helpers --------------------------------------------------------------

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path) {
  const response = await fetch(path);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || `${response.status} ${path}`);
  return body;
}

function isoDay(date) { return date.toISOString().slice(0, 10); }
function addDays(iso, n) {
  const d = new Date(iso + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + n);
  return isoDay(d);
}
function dayIndex(iso) { return Math.round((new Date(iso + "T00:00:00Z") - state.day0) / 864e5); }

function colorOf(actorId) {
  if (!actorId || actorId === "unknown") return UNKNOWN_COLOR;
  if (KNOWN_COLORS[actorId]) return KNOWN_COLORS[actorId];
  let hash = 0;
  for (const ch of actorId) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

function dateRange(start, end) {
  if (!start && !end) return "undated";
  if (!end || start === end) return start || `until ${end}`;
  if (!start) return `until ${end}`;
  return `${start} – ${end}`;
}

function setStatus(text) { document.getElementById("status").textContent = text; }

// Provenance: a quote, then the sentence around it when the source keeps its text ---------

function sourceInfo(sourceId) {
  if (!state.sources.has(sourceId)) {
    state.sources.set(sourceId, api(`/api/sources/${encodeURIComponent(sourceId)}`)
      .catch(() => null));
  }
  return state.sources.get(sourceId);
}

function quoteBlock(fact) {
  const block = el("blockquote", { class: "quote" });
  if (fact.quote) block.append(el("mark", {}, fact.quote));
  else block.append(el("span", { class: "meta" }, "(no quote: a dataset row)"));
  const footer = el("div", { class: "source" }, "Source: ", fact.source || fact.source_id,
    fact.row_number !== null && fact.row_number !== undefined ? `, row ${fact.row_number}` : "");
  const wrapper = el("div", {}, block, footer);
  if (fact.span_start === null || fact.span_start === undefined) return wrapper;
  sourceInfo(fact.source_id).then(async (info) => {
    if (!info || !info.has_text) return;
    const url = `/api/sources/${encodeURIComponent(fact.source_id)}/context` +
      `?start=${fact.span_start}&end=${fact.span_end}`;
    const context = await api(url);
    block.replaceChildren(context.before, el("mark", {}, context.quote), context.after);
  }).catch(() => {});
  return wrapper;
}

// The API lists each alias once per source that gives it (provenance); people want each name once.
function otherNames(name, aliases) {
  return [...new Set(aliases.map((a) => a.alias))].filter((alias) => alias !== name);
}

function actorLink(actorId, name) {
  if (!actorId || actorId === "unknown") return el("span", { class: "meta" }, "unknown");
  return el("a", { class: "actor", href: `#actor/${encodeURIComponent(actorId)}` },
    name || actorId);
}

// The side panel ----------------------------------------------------------------

function openPanel(...children) {
  const panel = document.getElementById("panel");
  document.getElementById("panel-body").replaceChildren(...children);
  panel.hidden = false;
  panel.scrollTop = 0;
  if (state.map) state.map.resize();
}

function closePanel() {
  document.getElementById("panel").hidden = true;
  if (state.map) state.map.resize();
  if (/^#(place|event|actor)\//.test(location.hash)) history.replaceState(null, "", "#map");
}

function eventItem(event) {
  const actors = el("div", {}, actorLink(event.actor1, event.actor1_name));
  if (event.actor2) actors.append(" against ", actorLink(event.actor2, event.actor2_name));
  return el("li", {},
    el("div", { class: "meta" }, dateRange(event.date_start, event.date_end), " · ",
      event.sub_event_type || event.event_type,
      event.fatalities ? ` · ${event.fatalities} killed` : ""),
    actors,
    quoteBlock(event));
}

async function showPlace(placeId) {
  const [place, events] = await Promise.all([
    api(`/api/places/${encodeURIComponent(placeId)}`),
    api(`/api/events?place=${encodeURIComponent(placeId)}&limit=20`),
  ]);
  const held = currentControl(placeId);
  const known = held.controller && held.controller !== "unknown";
  const heading = el("h2", { id: "panel-title" }, place.name);
  const summary = el("p", { id: "place-controller", dataset: { controller: held.controller || "" } },
    `On ${state.date}: `,
    known ? actorLink(held.controller, held.controller_name) : "no evidence yet",
    known && held.valid_from ? ` (since ${held.valid_from})` : "",
    held.conflict ? ` — sources disagree: ${held.controllers.join(", ")}` : "");
  const timeline = el("ul", { class: "facts", id: "control-timeline" });
  for (const span of place.control) {
    const facts = span.facts.map((fact) => el("div", {},
      el("div", { class: "meta" }, dateRange(fact.date_start, fact.date_end), " · ",
        fact.sub_event_type || ""),
      quoteBlock(fact)));
    timeline.append(el("li", { dataset: { controller: span.controller } },
      el("div", { class: "meta" }, `${span.valid_from || "…"} → ${span.valid_to || "…"}`),
      el("div", {}, span.controller === "unknown" ? "No evidence of who held it" : "Held by ",
        span.controller === "unknown" ? "" : actorLink(span.controller, span.controller_name),
        span.conflict ? " (sources disagree)" : ""),
      ...facts));
  }
  const list = el("ul", { class: "facts" }, ...events.events.map(eventItem));
  const names = otherNames(place.name, place.aliases).join(", ");
  openPanel(heading,
    el("div", { class: "meta" }, [place.kind, place.admin2, place.admin1, place.country]
      .filter(Boolean).join(" · ")),
    names ? el("div", { class: "meta" }, "Also: ", names) : null,
    summary,
    el("h3", {}, "Control over time"),
    place.control.length ? timeline : el("p", { class: "meta" }, "No territorial facts."),
    el("h3", {}, `Events here (${place.events})`), list);
}

async function showEvent(sourceId, eventId) {
  const event = await api(`/api/events/${encodeURIComponent(sourceId)}/${encodeURIComponent(eventId)}`);
  const roles = el("ul", {});
  for (const a of event.actors) {
    roles.append(el("li", {}, `${a.role}: `, actorLink(a.actor_id, a.name),
      a.actor_text && a.actor_text !== a.actor_id ? ` (“${a.actor_text}”)` : ""));
  }
  openPanel(
    el("h2", { id: "panel-title" }, event.sub_event_type || event.event_type),
    el("div", { class: "meta" }, dateRange(event.date_start, event.date_end),
      event.date_text ? ` (“${event.date_text}”)` : "", " · ", event.place || event.place_text || ""),
    event.fatalities !== null ? el("p", {}, `Fatalities: ${event.fatalities}`) : null,
    roles,
    event.notes ? el("p", {}, event.notes) : null,
    el("h3", {}, "Source"), quoteBlock(event));
}

async function showActor(actorId) {
  const actor = await api(`/api/actors/${encodeURIComponent(actorId)}`);
  const timeline = el("ul", { class: "facts", id: "relation-timeline" });
  for (const r of actor.relations) {
    timeline.append(el("li", {},
      el("span", { class: "relation-date" }, dateRange(r.valid_from, r.valid_to)),
      actorLink(r.subject_id, r.subject_name), ` ${r.predicate.replaceAll("_", " ")} `,
      actorLink(r.object_id, r.object_name),
      quoteBlock(r)));
  }
  const lineage = el("ul", { class: "facts", id: "lineage" });
  for (const step of actor.lineage) {
    lineage.append(el("li", { dataset: { direction: step.direction } },
      el("span", { class: "relation-date" }, step.on || "undated"),
      actorLink(step.actor_id, step.actor), ` ${step.predicate.replaceAll("_", " ")} `,
      actorLink(step.into_id, step.into),
      el("div", { class: "source" }, `${step.sources.length} source(s)`)));
  }
  const names = otherNames(actor.name, actor.aliases).join(", ");
  openPanel(
    el("h2", { id: "panel-title" }, actor.name),
    el("div", { class: "meta" }, [actor.kind, actor.country, `${actor.events} events`]
      .filter(Boolean).join(" · ")),
    names ? el("p", {}, "Also known as: ", names) : null,
    actor.lineage.length ? el("h3", {}, "Lineage") : null,
    actor.lineage.length ? lineage : null,
    el("h3", {}, "Relations over time"),
    actor.relations.length ? timeline : el("p", { class: "meta" }, "No relations recorded."));
}

// The claim audit ---------------------------------------------------------------

async function showClaims() {
  const body = document.querySelector("#claims-table tbody");
  if (body.dataset.loaded) return;
  const page = await api("/api/claims?limit=1000");
  for (const claim of page.claims) {
    const assessed = el("ul", {});
    for (const a of claim.assessments) {
      assessed.append(el("li", {}, actorLink(a.by_id, a.by_name), ": ",
        el("span", { class: `verdict ${a.verdict}` }, a.verdict), " ", a.statement || ""));
    }
    const verdict = claim.audit ? claim.audit.verdict : "not audited";
    const evidence = el("ul", { class: "evidence" },
      ...(claim.audit ? claim.audit.evidence : []).map((line) => el("li", {}, line)));
    body.append(el("tr", { dataset: { claim: `${claim.source_id}/${claim.claim_id}` } },
      el("td", {}, dateRange(claim.date_start, claim.date_end)),
      el("td", {}, actorLink(claim.claimant_id, claim.claimant_name)),
      el("td", {}, claim.statement || "", quoteBlock(claim)),
      el("td", {}, assessed),
      el("td", {}, el("span", { class: `verdict ${verdict}` }, verdict), evidence),
      el("td", { class: "source" }, claim.source)));
  }
  body.dataset.loaded = "true";
}

// The map -------------------------------------------------------------------------

function currentControl(placeId) {
  const feature = state.control && state.control.features
    .find((f) => f.properties.place_id === placeId);
  return feature ? feature.properties : {};
}

function baseStyle() {
  const boundaries = (name) => ({ type: "geojson", data: `${STATIC}boundaries/${name}.geojson` });
  return {
    version: 8,
    sources: {
      neighbours: boundaries("syria-and-neighbours-naturalearth-10m"),
      admin1: boundaries("syria-ocha-admin1"),
      admin2: boundaries("syria-ocha-admin2"),
      control: { type: "geojson", data: { type: "FeatureCollection", features: [] } },
      events: { type: "geojson", data: { type: "FeatureCollection", features: [] } },
    },
    layers: [
      { id: "sea", type: "background", paint: { "background-color": "#d7e3ea" } },
      { id: "countries", type: "fill", source: "neighbours",
        paint: { "fill-color": "#efece6", "fill-outline-color": "#9a9a9a" } },
      { id: "governorates", type: "fill", source: "admin1", paint: { "fill-color": "#fbfaf6" } },
      { id: "districts", type: "line", source: "admin2",
        paint: { "line-color": "#c9c4ba", "line-width": 0.5 } },
      { id: "governorate-lines", type: "line", source: "admin1",
        paint: { "line-color": "#8f8a80", "line-width": 1 } },
      { id: "events", type: "circle", source: "events",
        paint: { "circle-radius": 3, "circle-color": "#7b3294", "circle-opacity": 0.55,
          "circle-stroke-width": 0.5, "circle-stroke-color": "#fff" } },
      { id: "places", type: "circle", source: "control",
        paint: { "circle-radius": 7, "circle-color": ["get", "color"],
          "circle-stroke-width": ["case", ["get", "conflict"], 3, 1.5],
          "circle-stroke-color": ["case", ["get", "conflict"], "#d35400", "#ffffff"] } },
    ],
  };
}

function drawMarkers() {
  const seen = new Set();
  for (const feature of state.control.features) {
    const p = feature.properties;
    seen.add(p.place_id);
    let marker = state.markers.get(p.place_id);
    if (!marker) {
      const label = el("div", { class: "marker", role: "button", tabindex: "0",
        dataset: { place: p.place_id } }, el("span", { class: "dot" }), el("span", {}, p.name));
      label.addEventListener("click", (e) => { e.stopPropagation(); go(`#place/${p.place_id}`); });
      marker = new maplibregl.Marker({ element: label, anchor: "bottom", offset: [0, -8] })
        .setLngLat(feature.geometry.coordinates).addTo(state.map);
      state.markers.set(p.place_id, marker);
    }
    const label = marker.getElement();
    label.dataset.controller = p.controller || "unknown";
    label.dataset.conflict = String(p.conflict);
    const known = p.controller !== "unknown";
    label.title = `${p.name}: ${known ? p.controller_name : "no evidence yet"}` +
      (known && p.valid_from ? ` since ${p.valid_from}` : "");
    label.querySelector(".dot").style.background = p.color;
  }
  for (const [id, marker] of state.markers) {
    if (!seen.has(id)) { marker.remove(); state.markers.delete(id); }
  }
}

// Labels that would cover one another shrink to their dot (the name shows on hover).
function declutter() {
  const placed = [];
  const labels = [...state.markers.values()].map((m) => m.getElement())
    .sort((a, b) => (b.dataset.controller !== "unknown") - (a.dataset.controller !== "unknown"));
  for (const label of labels) {
    label.classList.remove("crowded");
    const r = label.getBoundingClientRect();
    const covers = placed.some((p) => r.left < p.right && r.right > p.left &&
      r.top < p.bottom && r.bottom > p.top);
    if (covers) label.classList.add("crowded");
    else placed.push(r);
  }
}

function drawLegend() {
  const holders = new Map();
  for (const f of state.control.features) {
    const key = f.properties.controller || "";
    const unknown = key === "unknown" || !key;
    const entry = holders.get(key) || {
      name: unknown ? "no evidence yet" : f.properties.controller_name,
      color: f.properties.color, n: 0 };
    entry.n += 1;
    holders.set(key, entry);
  }
  const items = [...holders.values()].sort((a, b) => b.n - a.n)
    .map((h) => el("div", {}, el("span", { class: "swatch", style: `background:${h.color}` }),
      `${h.name} (${h.n})`));
  document.getElementById("legend").replaceChildren(
    el("strong", {}, `Held on ${state.date}`), ...items);
}

async function loadControl(date) {
  const data = await api(`/api/control?on=${date}`);
  if (date !== state.date) return;
  for (const f of data.features) f.properties.color = colorOf(f.properties.controller);
  state.control = data;
  state.map.getSource("control").setData(data);
  drawMarkers();
  declutter();
  drawLegend();
  afterIdle(() => { document.body.dataset.controlDate = date; });
}

async function loadEvents(date) {
  const show = document.getElementById("show-events").checked;
  const params = new URLSearchParams({ format: "geojson", limit: "1000",
    from: addDays(date, -EVENT_WINDOW_DAYS), to: date });
  const actor = document.getElementById("actor-filter").value.trim();
  const type = document.getElementById("type-filter").value;
  if (actor) params.set("actor", actor);
  if (type) params.set("type", type);
  const data = show ? await api(`/api/events?${params}`)
    : { type: "FeatureCollection", features: [], total: 0 };
  if (date !== state.date) return;
  state.map.getSource("events").setData(data);
  setStatus(show ? `${data.total} events in the ${EVENT_WINDOW_DAYS} days to ${date}` +
    (data.total > data.features.length ? ` (${data.features.length} drawn)` : "") : "");
  afterIdle(() => { document.body.dataset.eventsDate = date; });
}

function afterIdle(fn) {
  state.map.once("idle", fn);
  state.map.triggerRepaint();
}

let pending = null;
function setDate(iso, { immediate = false } = {}) {
  state.date = iso;
  document.getElementById("date").value = iso;
  document.getElementById("slider").value = String(dayIndex(iso));
  clearTimeout(pending);
  const run = () => Promise.all([loadControl(iso), loadEvents(iso)]).catch(showError);
  if (immediate) return run();
  pending = setTimeout(run, 120);
  return null;
}

function showError(error) { setStatus(`Error: ${error.message}`); }

// Routing: #map, #claims, #place/ID, #event/SOURCE/ID, #actor/ID ------------------------

function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function route() {
  const [view, ...rest] = location.hash.slice(1).split("/").map(decodeURIComponent);
  const claims = view === "claims";
  document.getElementById("claims-view").hidden = !claims;
  document.getElementById("map-view").hidden = claims;
  document.getElementById("nav-claims").classList.toggle("active", claims);
  document.getElementById("nav-map").classList.toggle("active", !claims);
  if (claims) { showClaims().catch(showError); return; }
  if (state.map) state.map.resize();
  const shown = { place: () => showPlace(rest[0]), event: () => showEvent(rest[0], rest[1]),
    actor: () => showActor(rest[0]) }[view];
  if (shown) shown().catch(showError);
}

// Start -----------------------------------------------------------------------------

function fillFilters(summary, actors) {
  const types = document.getElementById("type-filter");
  const seen = new Set();
  for (const t of summary.event_types) {
    for (const name of [t.event_type, t.sub_event_type]) {
      if (name && !seen.has(name)) { seen.add(name); types.append(el("option", { value: name }, name)); }
    }
  }
  const list = document.getElementById("actor-list");
  for (const a of actors.actors) list.append(el("option", { value: a.actor_id }, a.name));
}

function initialDate(summary) {
  const asked = new URLSearchParams(location.search).get("on");
  if (asked && /^\d{4}-\d{2}-\d{2}$/.test(asked)) return asked;
  return summary.date_max || isoDay(new Date());
}

async function start() {
  const [summary, actors] = await Promise.all([api("/api/summary"), api("/api/actors?limit=1000")]);
  state.summary = summary;
  const first = summary.date_min && summary.date_min > "2011-01-01" ? summary.date_min : "2011-01-01";
  state.day0 = new Date(first + "T00:00:00Z");
  const slider = document.getElementById("slider");
  slider.max = String(Math.max(0, dayIndex(summary.date_max || isoDay(new Date()))));
  slider.dataset.firstDay = first;
  fillFilters(summary, actors);

  const map = new maplibregl.Map({ container: "map", style: baseStyle(), center: [38.6, 35.1],
    zoom: 5.7, attributionControl: false, dragRotate: false });
  state.map = map;
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
  map.on("moveend", declutter);
  map.on("click", "places", (e) => go(`#place/${e.features[0].properties.place_id}`));
  map.on("click", "events", (e) => {
    const p = e.features[0].properties;
    go(`#event/${p.source_id}/${p.event_id}`);
  });
  for (const layer of ["places", "events"]) {
    map.on("mouseenter", layer, () => { map.getCanvas().style.cursor = "pointer"; });
    map.on("mouseleave", layer, () => { map.getCanvas().style.cursor = ""; });
  }
  await new Promise((resolve) => map.once("load", resolve));
  await setDate(initialDate(summary), { immediate: true });
  map.once("idle", () => {
    state.ready = true;
    window.contestedReady = true;
    document.body.dataset.ready = "true";
  });
  map.triggerRepaint();

  slider.addEventListener("input", () => setDate(addDays(first, Number(slider.value))));
  document.getElementById("date").addEventListener("change", (e) => {
    if (e.target.value) setDate(e.target.value);
  });
  for (const id of ["actor-filter", "type-filter", "show-events"]) {
    document.getElementById(id).addEventListener("change", () => loadEvents(state.date).catch(showError));
  }
  document.getElementById("panel-close").addEventListener("click", closePanel);
  window.addEventListener("hashchange", route);
  route();
}

start().catch(showError);
