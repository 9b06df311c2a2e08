/*
 * The taskora board: a small single-page app over the board's REST API, without a build step.
 * Views are drawn with DOM calls (text always through textContent, never as HTML); the hash is
 * the route (#/, #/tasks/<task>, #/jobs/<id>, #/schedules, #/dlq, #/sections/<id>); live updates
 * come over Server-Sent Events (api/events), with polling only while the stream is down.
 */
(function () {
	"use strict";

	var root = document.getElementById("app");
	var base = root.getAttribute("data-base");
	var api = base + "/api";
	var STATES = ["waiting", "active", "delayed", "retrying", "failed", "completed", "cancelled", "expired"];
	var CARDS = ["waiting", "active", "delayed", "failed", "completed", "cancelled", "expired"];
	var FINISHED = ["completed", "failed", "cancelled", "expired"];
	var config = { readOnly: true, sections: [], csrf: {}, refreshInterval: 2000 };
	var pages = {};
	var current = { refresh: null, onEvent: null, onStats: null };
	var live = { source: null, connected: false, poller: null, ticker: null };

	/* ---------- helpers ---------- */

	function h(tag, attrs) {
		var el = document.createElement(tag);
		if (attrs) {
			Object.keys(attrs).forEach(function (key) {
				var value = attrs[key];
				if (value === null || value === undefined || value === false) {
					return;
				}
				if (key === "text") {
					el.textContent = value;
				} else if (key === "class") {
					el.className = value;
				} else if (key.indexOf("on") === 0) {
					el.addEventListener(key.substring(2), value);
				} else {
					el.setAttribute(key, value === true ? "" : value);
				}
			});
		}
		for (var i = 2; i < arguments.length; i++) {
			append(el, arguments[i]);
		}
		return el;
	}

	function append(el, child) {
		if (child === null || child === undefined || child === false) {
			return;
		}
		if (Array.isArray(child)) {
			child.forEach(function (c) { append(el, c); });
		} else if (typeof child === "string" || typeof child === "number") {
			el.appendChild(document.createTextNode(String(child)));
		} else {
			el.appendChild(child);
		}
	}

	function request(method, path, body) {
		var headers = { "Accept": "application/json" };
		if (method !== "GET" && config.csrf && config.csrf.headerName) {
			headers[config.csrf.headerName] = config.csrf.token;
		}
		if (body !== undefined) {
			headers["Content-Type"] = "application/json";
		}
		return fetch(api + path, {
			method: method, headers: headers, credentials: "same-origin",
			body: body !== undefined ? JSON.stringify(body) : undefined
		}).then(function (response) {
			if (response.status === 401) {
				window.location.href = base + "/login?redirect=" + encodeURIComponent(base + "/" + window.location.hash);
				throw new Error("Signed out");
			}
			return response.json().catch(function () { return {}; }).then(function (json) {
				if (!response.ok) {
					var error = new Error(json.message || response.statusText);
					error.status = response.status;
					throw error;
				}
				return json;
			});
		});
	}

	function get(path) { return request("GET", path); }

	function act(method, path, done, body) {
		return request(method, path, body).then(function (result) {
			if (done) { toast(typeof done === "function" ? done(result) : done); }
			refresh();
			return result;
		}).catch(function (error) { toast(error.message, true); });
	}

	function toast(message, failed) {
		var box = document.getElementById("toasts");
		var item = h("div", { class: "toast" + (failed ? " toast-error" : ""), role: "status", text: message });
		box.appendChild(item);
		setTimeout(function () { item.remove(); }, 4000);
	}

	function enc(value) { return encodeURIComponent(value); }

	function number(value) { return (value || 0).toLocaleString(); }

	function time(ms) { return ms ? new Date(ms).toLocaleString() : "—"; }

	function relative(ms) {
		if (!ms) { return "—"; }
		var seconds = Math.round((ms - Date.now()) / 1000);
		var abs = Math.abs(seconds);
		var text = abs < 60 ? abs + "s" : abs < 3600 ? Math.floor(abs / 60) + "m " + (abs % 60) + "s"
			: abs < 86400 ? Math.floor(abs / 3600) + "h " + Math.floor((abs % 3600) / 60) + "m"
			: Math.floor(abs / 86400) + "d " + Math.floor((abs % 86400) / 3600) + "h";
		return seconds >= 0 ? "in " + text : text + " ago";
	}

	function duration(ms) {
		if (ms === null || ms === undefined) { return ""; }
		if (ms % 86400000 === 0) { return ms / 86400000 + "d"; }
		if (ms % 3600000 === 0) { return ms / 3600000 + "h"; }
		if (ms % 60000 === 0) { return ms / 60000 + "m"; }
		if (ms % 1000 === 0) { return ms / 1000 + "s"; }
		return ms + "ms";
	}

	function pretty(value) {
		if (value === null || value === undefined) { return "—"; }
		return typeof value === "string" ? value : JSON.stringify(value, null, 2);
	}

	function preview(value, max) {
		var text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
		return text.length > max ? text.substring(0, max) + "…" : text;
	}

	function badge(state) { return h("span", { class: "badge state-" + state, text: state }); }

	function button(label, onclick, attrs) {
		var props = Object.assign({ type: "button", class: "btn", text: label, onclick: onclick }, attrs || {});
		return h("button", props);
	}

	function mutation(label, onclick, attrs) {
		return config.readOnly ? null : button(label, onclick, attrs);
	}

	function link(href, text, attrs) {
		return h("a", Object.assign({ href: href, text: text }, attrs || {}));
	}

	function param(name) {
		var query = window.location.hash.split("?")[1] || "";
		var match = query.split("&").filter(function (pair) { return pair.split("=")[0] === name; })[0];
		return match ? decodeURIComponent(match.split("=")[1] || "") : null;
	}

	/* ---------- layout ---------- */

	function layout() {
		var nav = h("nav", { class: "nav" },
			link("#/", "Overview", { "data-nav": "overview", title: "1" }),
			link("#/schedules", "Schedules", { "data-nav": "schedules", title: "2" }),
			link("#/dlq", "Dead letters", { "data-nav": "dlq", title: "3" }),
			config.sections.map(function (section, i) {
				return link("#/sections/" + enc(section.id), section.title,
					{ "data-nav": "section-" + section.id, title: String(4 + i) });
			}));
		var search = h("form", { class: "search", onsubmit: function (event) {
			event.preventDefault();
			var id = document.getElementById("job-search").value.trim();
			if (!id) { return; }
			get("/jobs/" + enc(id)).then(function () {
				window.location.hash = "#/jobs/" + enc(id);
			}).catch(function (error) { toast(error.status === 404 ? "No job " + id : error.message, true); });
		} }, h("input", { id: "job-search", type: "search", placeholder: "Job id  ( / )", "aria-label": "Find a job by id" }));
		var header = h("header", { class: "top" },
			h("a", { class: "brand", href: "#/", text: config.title || "Taskora" }),
			nav, search,
			h("span", { id: "live", class: "live", title: "Live updates", text: "connecting" }),
			button("", cycleTheme, { id: "theme", title: "Theme (t)" }),
			config.auth === "session" ? h("form", { method: "post", action: base + "/auth/logout", class: "logout" },
				h("button", { type: "submit", class: "btn btn-quiet", text: "Sign out" })) : null);
		root.textContent = "";
		root.appendChild(header);
		root.appendChild(h("main", { id: "view" }));
		root.appendChild(h("div", { id: "toasts", class: "toasts" }));
		showTheme();
	}

	/* ---------- theme and keys ---------- */

	function theme() { return localStorage.getItem("taskora-board-theme") || config.theme || "auto"; }

	function showTheme() {
		document.documentElement.setAttribute("data-theme", theme());
		var toggle = document.getElementById("theme");
		if (toggle) { toggle.textContent = { light: "☀ light", dark: "☾ dark", auto: "◐ auto" }[theme()] || theme(); }
	}

	function cycleTheme() {
		var next = { auto: "light", light: "dark", dark: "auto" }[theme()] || "auto";
		localStorage.setItem("taskora-board-theme", next);
		showTheme();
	}

	document.addEventListener("keydown", function (event) {
		var typing = /INPUT|TEXTAREA|SELECT/.test(event.target.tagName);
		if (event.key === "Escape" && typing) { event.target.blur(); return; }
		if (typing || event.ctrlKey || event.metaKey || event.altKey) { return; }
		if (event.key === "/") {
			event.preventDefault();
			document.getElementById("job-search").focus();
		} else if (event.key === "t") {
			cycleTheme();
		} else if (event.key === "1") {
			window.location.hash = "#/";
		} else if (event.key === "2") {
			window.location.hash = "#/schedules";
		} else if (event.key === "3") {
			window.location.hash = "#/dlq";
		} else if (/^[4-9]$/.test(event.key)) {
			var section = config.sections[Number(event.key) - 4];
			if (section) { window.location.hash = "#/sections/" + enc(section.id); }
		}
	});

	/* ---------- routing ---------- */

	function route() {
		var path = (window.location.hash.replace(/^#/, "").split("?")[0]) || "/";
		var parts = path.split("/").filter(Boolean).map(decodeURIComponent);
		current = { refresh: null, onEvent: null, onStats: null };
		var view = document.getElementById("view");
		view.textContent = "";
		Array.prototype.forEach.call(document.querySelectorAll("[data-nav]"), function (a) { a.classList.remove("active"); });
		var active = parts[0] === "schedules" ? "schedules" : parts[0] === "dlq" ? "dlq"
			: parts[0] === "sections" ? "section-" + parts[1] : parts.length === 0 ? "overview" : null;
		var navLink = active && document.querySelector("[data-nav='" + active + "']");
		if (navLink) { navLink.classList.add("active"); }
		if (parts.length === 0) {
			overview(view);
		} else if (parts[0] === "tasks" && parts[1]) {
			taskPage(view, parts[1]);
		} else if (parts[0] === "jobs" && parts[1]) {
			jobPage(view, parts[1]);
		} else if (parts[0] === "schedules") {
			schedulesPage(view);
		} else if (parts[0] === "dlq") {
			deadLettersPage(view);
		} else if (parts[0] === "sections" && parts[1]) {
			sectionPage(view, parts[1], parts.slice(2));
		} else {
			view.appendChild(h("p", { class: "empty", text: "Nothing here." }));
		}
	}

	function refresh() {
		if (current.refresh) { current.refresh(); }
	}

	function debounce(fn, ms) {
		var timer = null;
		return function () {
			if (timer) { return; }
			timer = setTimeout(function () { timer = null; fn(); }, ms);
		};
	}

	/* ---------- overview ---------- */

	function statCards(stats, id) {
		return h("section", { class: "cards", id: id || "stats" }, CARDS.map(function (state) {
			return h("div", { class: "card state-" + state, "data-stat": state },
				h("div", { class: "card-label", text: state }),
				h("div", { class: "card-value", text: number(stats[state]) }));
		}));
	}

	function updateCards(stats, id) {
		CARDS.forEach(function (state) {
			var card = document.querySelector("#" + (id || "stats") + " [data-stat='" + state + "'] .card-value");
			if (card) { card.textContent = number(stats[state]); }
		});
	}

	function overview(view) {
		var cards = h("div");
		var chart = h("section", { class: "panel" }, h("h2", { text: "Throughput, last 24 hours" }), h("div", { id: "chart" }));
		var tasks = h("section", { class: "panel" }, h("h2", { text: "Tasks" }), h("div", { id: "tasks" }));
		var server = h("section", { class: "panel" }, h("h2", { text: "Store" }), h("div", { id: "server" }));
		view.appendChild(h("h1", { text: "Overview" }));
		view.append(cards, chart, h("div", { class: "columns" }, tasks, server));
		function load() {
			get("/overview").then(function (data) {
				cards.textContent = "";
				cards.appendChild(statCards(data.stats));
				drawTasks(document.getElementById("tasks"), data.tasks);
				drawServer(document.getElementById("server"), data.server);
			}).catch(function (error) { toast(error.message, true); });
			get("/throughput").then(function (data) {
				drawChart(document.getElementById("chart"), data.buckets);
			}).catch(function () { /* the chart waits for the next refresh */ });
		}
		current.refresh = load;
		current.onStats = function (frame) {
			updateCards(frame.stats);
			Object.keys(frame.tasks).forEach(function (task) {
				STATES.forEach(function (state) {
					var cell = document.querySelector("tr[data-task='" + CSS.escape(task) + "'] [data-count='" + state + "']");
					if (cell) { cell.textContent = number(frame.tasks[task][state]); }
				});
			});
		};
		current.onEvent = debounce(function () {
			get("/throughput").then(function (data) { drawChart(document.getElementById("chart"), data.buckets); })
				.catch(function () { /* next time */ });
		}, 2000);
		load();
	}

	function drawTasks(box, tasks) {
		box.textContent = "";
		if (!tasks.length) {
			box.appendChild(h("p", { class: "empty", text: "No tasks in this app." }));
			return;
		}
		var columns = ["waiting", "active", "delayed", "failed", "completed"];
		box.appendChild(h("table", { class: "table" },
			h("thead", null, h("tr", null, h("th", { text: "Task" }), columns.map(function (c) { return h("th", { class: "num", text: c }); }),
				h("th", { text: "Health" }))),
			h("tbody", null, tasks.map(function (task) {
				return h("tr", { "data-task": task.name },
					h("td", null, link("#/tasks/" + enc(task.name), task.name), task.handled ? null : h("span", { class: "muted", text: " (runs elsewhere)" })),
					columns.map(function (c) { return h("td", { class: "num", "data-count": c, text: number(task.counts[c]) }); }),
					h("td", null, h("span", { class: "health health-" + task.health, text: task.health })));
			}))));
	}

	function drawServer(box, server) {
		box.textContent = "";
		var info = server.info || {};
		var rows = [["Adapter", server.adapter], ["Connected", server.connected ? "yes" : "no — " + (server.problem || "")]];
		if (info.redis_version) {
			rows.push(["Redis", info.redis_version + (info.redis_mode ? " (" + info.redis_mode + ")" : "")]);
			rows.push(["Memory", (info.used_memory_human || "?") + " (peak " + (info.used_memory_peak_human || "?") + ")"]);
			rows.push(["Uptime", duration(Number(info.uptime_in_seconds || 0) * 1000) || "0s"]);
			rows.push(["Clients", info.connected_clients || "?"]);
		}
		box.appendChild(h("dl", { class: "facts" }, rows.map(function (row) {
			return [h("dt", { text: row[0] }), h("dd", { text: row[1] })];
		})));
	}

	/* An hourly bar chart of 24 hours of per-minute buckets: completed stacked over failed. */
	function drawChart(box, buckets) {
		box.textContent = "";
		var hours = [];
		for (var i = 0; i < buckets.length; i += 60) {
			var slice = buckets.slice(i, i + 60);
			hours.push({
				at: slice[0].timestamp,
				completed: slice.reduce(function (sum, b) { return sum + b.completed; }, 0),
				failed: slice.reduce(function (sum, b) { return sum + b.failed; }, 0)
			});
		}
		var max = Math.max(1, Math.max.apply(null, hours.map(function (x) { return x.completed + x.failed; })));
		var ns = "http://www.w3.org/2000/svg";
		var width = 720, height = 160, gap = 4, barWidth = width / hours.length - gap;
		var svg = document.createElementNS(ns, "svg");
		svg.setAttribute("viewBox", "0 0 " + width + " " + (height + 20));
		svg.setAttribute("class", "chart");
		svg.setAttribute("role", "img");
		var totals = hours.reduce(function (t, x) { return [t[0] + x.completed, t[1] + x.failed]; }, [0, 0]);
		svg.setAttribute("aria-label", totals[0] + " completed and " + totals[1] + " failed in 24 hours");
		hours.forEach(function (hour, index) {
			var x = index * (barWidth + gap);
			var completed = (hour.completed / max) * height;
			var failed = (hour.failed / max) * height;
			[["bar-completed", height - completed, completed], ["bar-failed", height - completed - failed, failed]].forEach(function (bar) {
				if (bar[2] <= 0) { return; }
				var rect = document.createElementNS(ns, "rect");
				rect.setAttribute("x", x);
				rect.setAttribute("y", bar[1]);
				rect.setAttribute("width", barWidth);
				rect.setAttribute("height", bar[2]);
				rect.setAttribute("class", bar[0]);
				svg.appendChild(rect);
			});
			var title = document.createElementNS(ns, "title");
			title.textContent = new Date(hour.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + ": "
				+ hour.completed + " completed, " + hour.failed + " failed";
			var hit = document.createElementNS(ns, "rect");
			hit.setAttribute("x", x);
			hit.setAttribute("y", 0);
			hit.setAttribute("width", barWidth);
			hit.setAttribute("height", height);
			hit.setAttribute("class", "bar-hit");
			hit.appendChild(title);
			svg.appendChild(hit);
			if (index % 4 === 0) {
				var label = document.createElementNS(ns, "text");
				label.setAttribute("x", x);
				label.setAttribute("y", height + 15);
				label.setAttribute("class", "axis");
				label.textContent = new Date(hour.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
				svg.appendChild(label);
			}
		});
		box.appendChild(svg);
		box.appendChild(h("p", { class: "legend" },
			h("span", { class: "swatch bar-completed" }), " completed " + number(totals[0]) + "  ",
			h("span", { class: "swatch bar-failed" }), " failed " + number(totals[1])));
	}

	/* ---------- task ---------- */

	function taskPage(view, task) {
		var state = param("state") || "waiting";
		var offset = Number(param("offset") || 0);
		var limit = 20;
		var tabs = h("div", { class: "tabs", role: "tablist" });
		var actions = h("div", { class: "actions" });
		var table = h("div", { id: "jobs" });
		view.append(h("p", { class: "crumbs" }, link("#/", "Overview"), " / ", task),
			h("h1", { text: task }), h("div", { id: "task-stats" }), tabs, actions, table);
		function go(nextState, nextOffset) {
			window.location.hash = "#/tasks/" + enc(task) + "?state=" + nextState + "&offset=" + nextOffset;
		}
		function load() {
			get("/tasks/" + enc(task) + "/stats").then(function (data) {
				var statsBox = document.getElementById("task-stats");
				statsBox.textContent = "";
				statsBox.appendChild(statCards(data.stats, "task-cards"));
				tabs.textContent = "";
				STATES.forEach(function (s) {
					tabs.appendChild(h("button", { type: "button", role: "tab", class: "tab" + (s === state ? " active" : ""),
						"data-state": s, "aria-selected": s === state ? "true" : "false",
						onclick: function () { go(s, 0); } }, s + " ", h("span", { class: "count", text: number(data.counts[s]) })));
				});
			}).catch(function (error) { toast(error.message, true); });
			get("/tasks/" + enc(task) + "/jobs?state=" + state + "&limit=" + limit + "&offset=" + offset).then(function (data) {
				actions.textContent = "";
				if (state === "failed") {
					append(actions, mutation("Retry all failed", function () {
						act("POST", "/tasks/" + enc(task) + "/retry-all", function (r) { return r.retried + " jobs back to waiting"; });
					}, { id: "retry-all" }));
				}
				if (FINISHED.indexOf(state) >= 0) {
					append(actions, mutation("Clean " + state, function () {
						if (confirm("Delete every " + state + " job of " + task + "?")) {
							act("POST", "/tasks/" + enc(task) + "/clean?state=" + state, function (r) { return r.cleaned + " jobs deleted"; });
						}
					}, { id: "clean", class: "btn btn-danger" }));
				}
				drawJobs(table, data.jobs);
				var pager = h("div", { class: "pager" },
					button("← Newer", function () { go(state, Math.max(0, offset - limit)); }, { disabled: offset === 0 }),
					h("span", { text: data.total ? (offset + 1) + "–" + Math.min(offset + limit, data.total) + " of " + number(data.total) : "none" }),
					button("Older →", function () { go(state, offset + limit); }, { disabled: offset + limit >= data.total }));
				table.appendChild(pager);
			}).catch(function (error) { toast(error.message, true); });
		}
		current.refresh = load;
		current.onEvent = debounce(function () { load(); }, 500);
		current.onStats = function (frame) {
			if (frame.tasks[task]) {
				updateCards(frame.tasks[task] && statsOf(frame.tasks[task]), "task-cards");
			}
		};
		load();
	}

	function statsOf(counts) {
		return { waiting: counts.waiting, active: counts.active, delayed: counts.delayed + counts.retrying,
			failed: counts.failed, completed: counts.completed, cancelled: counts.cancelled, expired: counts.expired };
	}

	function drawJobs(box, jobs) {
		box.textContent = "";
		if (!jobs.length) {
			box.appendChild(h("p", { class: "empty", text: "No jobs in this state." }));
			return;
		}
		box.appendChild(h("table", { class: "table" },
			h("thead", null, h("tr", null, ["Job", "State", "Attempt", "Data", "Error", "Dispatched", "Finished"].map(function (c) {
				return h("th", { text: c });
			}))),
			h("tbody", null, jobs.map(function (job) {
				var finished = job.timeline.filter(function (s) { return s.label !== "dispatched" && s.label !== "processed"; })[0];
				return h("tr", { "data-job": job.id },
					h("td", { class: "mono" }, link("#/jobs/" + enc(job.id), job.id.substring(0, 8), { title: job.id })),
					h("td", null, badge(job.state)),
					h("td", { text: job.attempt + " / " + job.maxAttempts }),
					h("td", { class: "mono clip", text: preview(job.data, 80) }),
					h("td", { class: "clip error-text", text: preview(job.error, 100) }),
					h("td", { text: time(job.timeline[0].at) }),
					h("td", { text: finished ? time(finished.at) : "—" }));
			}))));
	}

	/* ---------- job ---------- */

	function jobPage(view, id) {
		function load() {
			get("/jobs/" + enc(id)).then(function (job) { drawJob(view, job); }).catch(function (error) {
				view.textContent = "";
				view.appendChild(h("p", { class: "empty", id: "job-missing", text: error.status === 404 ? "No job " + id + "." : error.message }));
			});
		}
		current.refresh = load;
		current.onEvent = function (name, event) { if (event.id === id) { load(); } };
		load();
	}

	function drawJob(view, job) {
		var tab = view.getAttribute("data-tab") || (job.error ? "error" : "data");
		view.textContent = "";
		var progress = typeof job.progress === "number" ? Math.max(0, Math.min(100, job.progress)) : null;
		var actions = h("div", { class: "actions" });
		if (job.state === "failed" || job.state === "cancelled") {
			append(actions, mutation("Retry", function () {
				act("POST", "/jobs/" + enc(job.id) + "/retry", "Job back to waiting");
			}, { id: "job-retry" }));
		}
		if (["waiting", "delayed", "active", "retrying"].indexOf(job.state) >= 0) {
			append(actions, mutation("Cancel", function () {
				var reason = prompt("Why is it cancelled? (optional)") || "";
				act("POST", "/jobs/" + enc(job.id) + "/cancel" + (reason ? "?reason=" + enc(reason) : ""),
					function (r) { return "Job " + r.outcome; });
			}, { id: "job-cancel", class: "btn btn-danger" }));
		}
		var workflowSection = config.sections.filter(function (s) { return s.id === "workflows"; })[0];
		view.append(
			h("p", { class: "crumbs" }, link("#/", "Overview"), " / ", link("#/tasks/" + enc(job.task), job.task), " / ", job.id),
			h("h1", null, h("span", { class: "mono", text: job.id }), " ", h("span", { id: "job-state" }, badge(job.state))),
			actions,
			h("dl", { class: "facts" },
				h("dt", { text: "Task" }), h("dd", null, link("#/tasks/" + enc(job.task), job.task)),
				h("dt", { text: "Attempt" }), h("dd", { id: "job-attempt", text: job.attempt + " of " + job.maxAttempts }),
				h("dt", { text: "Version" }), h("dd", { text: String(job.version) }),
				job.cancelReason ? [h("dt", { text: "Cancelled because" }), h("dd", { text: job.cancelReason })] : null,
				job.workflow ? [h("dt", { text: "Workflow" }), h("dd", null, workflowSection
					? link("#/sections/workflows/" + enc(job.workflow.id), job.workflow.id + " (node " + job.workflow.node + ")")
					: job.workflow.id + " (node " + job.workflow.node + ")")] : null,
				h("dt", { text: "Progress" }), h("dd", null, progress !== null
					? h("div", { class: "progress", title: progress + "%" }, h("div", { class: "progress-bar", style: "width:" + progress + "%" }), h("span", { text: progress + "%" }))
					: h("span", { class: "mono", text: job.progress === null ? "—" : preview(job.progress, 200) }))),
			h("h2", { text: "Timeline" }),
			h("ol", { class: "timeline", id: "timeline" }, job.timeline.map(function (step, i) {
				var since = i > 0 ? " (+" + duration(step.at - job.timeline[i - 1].at) + ")" : "";
				return h("li", { class: "step state-" + step.label }, h("strong", { text: step.label }), " " + time(step.at) + since);
			})));
		var tabs = h("div", { class: "tabs", role: "tablist" });
		var panel = h("pre", { class: "code", id: "job-panel" });
		var panes = {
			data: function () { panel.textContent = pretty(job.data); },
			result: function () { panel.textContent = pretty(job.result); },
			error: function () { panel.textContent = job.error || "—"; },
			logs: function () {
				panel.textContent = job.logs.length ? job.logs.map(function (log) {
					return new Date(log.timestamp).toISOString() + " " + log.level.toUpperCase() + " " + log.message
						+ (log.meta && Object.keys(log.meta).length ? " " + JSON.stringify(log.meta) : "");
				}).join("\n") : "—";
			}
		};
		Object.keys(panes).forEach(function (name) {
			tabs.appendChild(h("button", { type: "button", role: "tab", class: "tab" + (name === tab ? " active" : ""), "data-tab": name,
				onclick: function () {
					view.setAttribute("data-tab", name);
					Array.prototype.forEach.call(tabs.children, function (t) { t.classList.toggle("active", t === this); }, this);
					panes[name]();
				} }, name + (name === "logs" ? " (" + job.logs.length + ")" : "")));
		});
		panes[tab]();
		view.append(tabs, panel);
	}

	/* ---------- schedules ---------- */

	function schedulesPage(view) {
		var box = h("div", { id: "schedules" });
		view.append(h("h1", { text: "Schedules" }), box);
		function load() {
			get("/schedules").then(function (data) {
				box.textContent = "";
				box.appendChild(h("p", { class: "muted", text: data.leader ? "This process runs the schedules (leader)." : "Another process runs the schedules." }));
				if (!data.schedules.length) {
					box.appendChild(h("p", { class: "empty", text: "No schedules." }));
					return;
				}
				box.appendChild(h("table", { class: "table" },
					h("thead", null, h("tr", null, ["Name", "Task", "When", "Next run", "Last run", "Status", ""].map(function (c) { return h("th", { text: c }); }))),
					h("tbody", null, data.schedules.map(function (s) {
						var path = "/schedules/" + enc(s.name);
						var next = s.nextRun ? Date.parse(s.nextRun) : null;
						return h("tr", { "data-schedule": s.name },
							h("td", { text: s.name }),
							h("td", null, link("#/tasks/" + enc(s.task), s.task)),
							h("td", { class: "mono", text: s.every ? "every " + duration(s.every) : s.cron + (s.zone ? " " + s.zone : "") }),
							h("td", { class: "countdown", "data-at": next || "", title: next ? new Date(next).toLocaleString() : "", text: s.paused ? "—" : relative(next) }),
							h("td", null, s.lastRun ? relative(Date.parse(s.lastRun)) : "never", s.lastJobId ? [" · ", link("#/jobs/" + enc(s.lastJobId), "job")] : null),
							h("td", { class: "schedule-status" }, h("span", { class: "badge " + (s.paused ? "state-cancelled" : "state-active"), text: s.paused ? "paused" : "active" }),
								s.problem ? h("span", { class: "error-text", text: " " + s.problem }) : null),
							h("td", { class: "row-actions" },
								s.paused ? mutation("Resume", function () { act("POST", path + "/resume", s.name + " resumed"); }, { class: "btn resume" })
									: mutation("Pause", function () { act("POST", path + "/pause", s.name + " paused"); }, { class: "btn pause" }),
								mutation("Trigger", function () { act("POST", path + "/trigger", function (r) { return s.name + " dispatched job " + r.jobId; }); }, { class: "btn trigger" }),
								mutation("Delete", function () { if (confirm("Delete schedule " + s.name + "?")) { act("DELETE", path, s.name + " deleted"); } }, { class: "btn btn-danger delete" })));
					}))));
			}).catch(function (error) { toast(error.message, true); });
		}
		current.refresh = load;
		load();
	}

	/* ---------- dead letters ---------- */

	function deadLettersPage(view) {
		var offset = Number(param("offset") || 0);
		var limit = 20;
		var box = h("div", { id: "dlq" });
		view.append(h("h1", { text: "Dead letters" }), box);
		function load() {
			get("/dlq?limit=" + limit + "&offset=" + offset).then(function (data) {
				box.textContent = "";
				box.append(h("div", { class: "actions" }, h("span", { class: "muted", text: number(data.total) + " failed jobs " }),
					data.total ? mutation("Retry all", function () {
						act("POST", "/dlq/retry-all", function (r) { return r.retried + " jobs back to waiting"; });
					}, { id: "dlq-retry-all" }) : null));
				box.appendChild(h("h2", { text: "By error" }));
				box.appendChild(data.errors.length ? h("table", { class: "table", id: "error-groups" },
					h("thead", null, h("tr", null, h("th", { text: "Error" }), h("th", { class: "num", text: "Jobs" }))),
					h("tbody", null, data.errors.map(function (group) {
						return h("tr", null, h("td", { class: "error-text", text: group.message }), h("td", { class: "num", text: number(group.count) }));
					}))) : h("p", { class: "empty", text: "No failed jobs." }));
				box.appendChild(h("h2", { text: "Failed jobs" }));
				var jobs = h("div");
				drawJobs(jobs, data.jobs);
				Array.prototype.forEach.call(jobs.querySelectorAll("tr[data-job]"), function (row) {
					var id = row.getAttribute("data-job");
					row.appendChild(h("td", null, mutation("Retry", function () { act("POST", "/dlq/" + enc(id) + "/retry", "Job back to waiting"); }, { class: "btn retry" })));
				});
				box.appendChild(jobs);
				box.appendChild(h("div", { class: "pager" },
					button("← Newer", function () { window.location.hash = "#/dlq?offset=" + Math.max(0, offset - limit); }, { disabled: offset === 0 }),
					button("Older →", function () { window.location.hash = "#/dlq?offset=" + (offset + limit); }, { disabled: offset + limit >= data.total })));
			}).catch(function (error) { toast(error.message, true); });
		}
		current.refresh = load;
		current.onEvent = debounce(load, 1000);
		load();
	}

	/* ---------- sections (workflows, migrations ...) ---------- */

	function sectionPage(view, id, rest) {
		var section = config.sections.filter(function (s) { return s.id === id; })[0];
		if (!section) {
			view.appendChild(h("p", { class: "empty", text: "No section " + id + " in this app." }));
			return;
		}
		view.appendChild(h("h1", { text: section.title }));
		var render = pages[id];
		var body = h("div", { id: "section-" + id });
		current.onEvent = debounce(refresh, 500);
		view.appendChild(body);
		if (render) {
			render(body, rest, board);
		} else {
			body.appendChild(h("p", { class: "empty", text: "Loading…" }));
		}
	}

	/** What a section's script uses: TaskoraBoard.page(id, function (element, path, board) { ... }). */
	var board = {
		page: function (id, render) {
			pages[id] = render;
			if (window.location.hash.indexOf("#/sections/" + id) === 0) { route(); }
		},
		get: get,
		act: act,
		h: h,
		link: link,
		badge: badge,
		mutation: mutation,
		toast: toast,
		onRefresh: function (fn) { current.refresh = fn; },
		config: function () { return config; }
	};
	window.TaskoraBoard = board;

	/* ---------- live updates ---------- */

	function setLive(text, connected) {
		live.connected = connected;
		var el = document.getElementById("live");
		if (el) {
			el.textContent = text;
			el.className = "live " + (connected ? "live-on" : "live-off");
		}
	}

	function connect() {
		if (!window.EventSource) {
			poll();
			return;
		}
		var source = new EventSource(api + "/events");
		live.source = source;
		source.addEventListener("open", function () {
			setLive("live", true);
			if (live.poller) { clearInterval(live.poller); live.poller = null; }
		});
		source.addEventListener("error", function () {
			setLive("polling", false);
			poll();
		});
		source.addEventListener("stats:update", function (message) {
			if (current.onStats) { current.onStats(JSON.parse(message.data)); }
		});
		["active", "progress", "completed", "failed", "retrying", "stalled", "cancelled"].forEach(function (name) {
			source.addEventListener(name, function (message) {
				if (current.onEvent) { current.onEvent(name, JSON.parse(message.data)); }
			});
		});
	}

	function poll() {
		if (live.poller) { return; }
		live.poller = setInterval(function () {
			if (!live.connected) { refresh(); }
		}, config.refreshInterval || 2000);
	}

	function tick() {
		Array.prototype.forEach.call(document.querySelectorAll(".countdown[data-at]"), function (cell) {
			var at = Number(cell.getAttribute("data-at"));
			if (at && cell.textContent !== "—") { cell.textContent = relative(at); }
		});
	}

	/* ---------- start ---------- */

	get("/config").then(function (loaded) {
		config = loaded;
		document.title = config.title;
		layout();
		config.sections.forEach(function (section) {
			document.body.appendChild(h("script", { src: base + "/assets/sections/" + enc(section.id) + ".js" }));
		});
		window.addEventListener("hashchange", route);
		route();
		connect();
		live.ticker = setInterval(tick, 1000);
	}).catch(function (error) {
		root.textContent = "The board could not start: " + error.message;
	});
})();
