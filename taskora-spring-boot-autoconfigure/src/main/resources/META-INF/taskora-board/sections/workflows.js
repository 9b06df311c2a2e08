/*
 * The board's workflows section: the list of workflows, and one workflow's DAG drawn in SVG with
 * nodes layered by their longest path from a root (taskora's BFS layering), colored by state, each
 * linking to its job; edges into an active node are animated. Cancel cascades from the header.
 */
(function () {
	"use strict";

	var ns = "http://www.w3.org/2000/svg";

	function svg(tag, attrs, text) {
		var el = document.createElementNS(ns, tag);
		Object.keys(attrs || {}).forEach(function (key) { el.setAttribute(key, attrs[key]); });
		if (text !== undefined) { el.textContent = text; }
		return el;
	}

	function list(box, board) {
		var h = board.h;
		function load() {
			board.get("/workflows").then(function (data) {
				box.textContent = "";
				if (!data.workflows.length) {
					box.appendChild(h("p", { class: "empty", text: "No workflows." }));
					return;
				}
				box.appendChild(h("table", { class: "table", id: "workflows" },
					h("thead", null, h("tr", null, ["Workflow", "Name", "State", "Steps", "Created"].map(function (c) { return h("th", { text: c }); }))),
					h("tbody", null, data.workflows.map(function (w) {
						return h("tr", { "data-workflow": w.id },
							h("td", { class: "mono" }, board.link("#/sections/workflows/" + encodeURIComponent(w.id), w.id.substring(0, 8), { title: w.id })),
							h("td", { text: w.name || "—" }),
							h("td", null, board.badge(w.state)),
							h("td", { text: w.done + " / " + w.nodes }),
							h("td", { text: new Date(w.createdAt).toLocaleString() }));
					}))));
			}).catch(function (error) { board.toast(error.message, true); });
		}
		board.onRefresh(load);
		load();
	}

	function layers(nodes) {
		var layer = {};
		function depth(node) {
			if (layer[node.index] !== undefined) { return layer[node.index]; }
			layer[node.index] = 0;
			var d = 0;
			node.deps.forEach(function (dep) { d = Math.max(d, depth(nodes[dep]) + 1); });
			layer[node.index] = d;
			return d;
		}
		nodes.forEach(depth);
		return layer;
	}

	function dag(box, id, board) {
		var h = board.h;
		function load() {
			board.get("/workflows/" + encodeURIComponent(id)).then(function (w) {
				box.textContent = "";
				var actions = h("div", { class: "actions" });
				if (w.state === "running") {
					var cancel = board.mutation("Cancel workflow", function () {
						if (confirm("Cancel workflow " + w.id + " and every pending step?")) {
							board.act("POST", "/workflows/" + encodeURIComponent(w.id) + "/cancel", "Workflow cancelled");
						}
					}, { id: "workflow-cancel", class: "btn btn-danger" });
					if (cancel) { actions.appendChild(cancel); }
				}
				box.append(h("p", { class: "crumbs" }, board.link("#/sections/workflows", "Workflows"), " / ", w.id),
					h("h2", null, (w.name ? w.name + " " : ""), h("span", { id: "workflow-state" }, board.badge(w.state))),
					actions);
				var layer = layers(w.nodes);
				var rows = {};
				var width = 200, height = 64, boxW = 160, boxH = 40;
				var positions = {};
				w.nodes.forEach(function (node) {
					var l = layer[node.index];
					rows[l] = (rows[l] || 0) + 1;
					positions[node.index] = { x: 20 + l * width, y: 20 + (rows[l] - 1) * height };
				});
				var maxLayer = Math.max.apply(null, Object.keys(rows).map(Number));
				var maxRows = Math.max.apply(null, Object.keys(rows).map(function (k) { return rows[k]; }));
				var graphWidth = 40 + (maxLayer + 1) * width, graphHeight = 40 + maxRows * height;
				var graph = svg("svg", { class: "dag", id: "dag", viewBox: "0 0 " + graphWidth + " " + graphHeight,
					width: graphWidth, height: graphHeight,
					role: "img", "aria-label": "Workflow graph of " + w.nodes.length + " steps" });
				w.edges.forEach(function (edge) {
					var from = positions[edge.from], to = positions[edge.to];
					var x1 = from.x + boxW, y1 = from.y + boxH / 2, x2 = to.x, y2 = to.y + boxH / 2;
					var mid = (x1 + x2) / 2;
					var target = w.nodes[edge.to];
					graph.appendChild(svg("path", { d: "M" + x1 + "," + y1 + " C" + mid + "," + y1 + " " + mid + "," + y2 + " " + x2 + "," + y2,
						class: "edge" + (target.state === "active" ? " edge-active" : "") }));
				});
				w.nodes.forEach(function (node) {
					var p = positions[node.index];
					var link = svg("a", { href: "#/jobs/" + encodeURIComponent(node.jobId), class: "node state-" + node.state, "data-node": node.index });
					link.appendChild(svg("title", {}, node.task + " — " + node.state + (node.error ? ": " + node.error : "")));
					link.appendChild(svg("rect", { x: p.x, y: p.y, width: boxW, height: boxH, rx: 8 }));
					link.appendChild(svg("text", { x: p.x + 10, y: p.y + 17, class: "node-task" }, node.task.length > 20 ? node.task.substring(0, 19) + "…" : node.task));
					link.appendChild(svg("text", { x: p.x + 10, y: p.y + 32, class: "node-state" }, "#" + node.index + " " + node.state));
					graph.appendChild(link);
				});
				box.appendChild(h("div", { class: "panel" }, graph));
				if (w.error) { box.appendChild(h("pre", { class: "code error-text", text: w.error })); }
			}).catch(function (error) {
				box.textContent = "";
				box.appendChild(h("p", { class: "empty", text: error.status === 404 ? "No workflow " + id + "." : error.message }));
			});
		}
		board.onRefresh(load);
		load();
	}

	window.TaskoraBoard.page("workflows", function (box, path, board) {
		if (path.length) {
			dag(box, path[0], board);
		} else {
			list(box, board);
		}
	});
})();
