/*
 * The board's migrations section: per task its payload version, since, migration steps, how many
 * waiting, active and delayed jobs carry each version (a bar per version), and canBumpSince, the
 * highest since no stored job is below (raising since to it drops no job's migration).
 */
(function () {
	"use strict";

	window.TaskoraBoard.page("migrations", function (box, path, board) {
		var h = board.h;
		function bars(counts, total) {
			var versions = Object.keys(counts);
			if (!versions.length) { return h("span", { class: "muted", text: "no queued jobs" }); }
			return h("div", { class: "versions" }, versions.map(function (v) {
				var share = total ? Math.max(2, Math.round(100 * counts[v] / total)) : 0;
				return h("div", { class: "version-row", "data-version": v },
					h("span", { class: "mono", text: "v" + v }),
					h("span", { class: "version-bar", style: "width:" + share + "%" }),
					h("span", { class: "num", text: counts[v].toLocaleString() }));
			}));
		}
		function load() {
			board.get("/migrations").then(function (data) {
				box.textContent = "";
				box.appendChild(h("table", { class: "table", id: "migrations" },
					h("thead", null, h("tr", null, ["Task", "Version", "Since", "Steps", "Queued and active by version", "Delayed by version", "canBumpSince"].map(function (c) { return h("th", { text: c }); }))),
					h("tbody", null, data.tasks.map(function (t) {
						var merged = Object.assign({}, t.queue);
						return h("tr", { "data-task": t.task },
							h("td", null, board.link("#/tasks/" + encodeURIComponent(t.task), t.task)),
							h("td", { class: "num", text: String(t.version) }),
							h("td", { class: "num", text: String(t.since) }),
							h("td", { class: "num", text: String(t.migrations) }),
							h("td", null, bars(merged, t.total)),
							h("td", null, bars(t.delayed, t.total)),
							h("td", { class: "num", title: t.canBumpSince > t.since ? "since can be raised to " + t.canBumpSince : "since is as high as it can be",
								text: String(t.canBumpSince) + (t.canBumpSince > t.since ? " ↑" : "") }));
					}))));
			}).catch(function (error) { board.toast(error.message, true); });
		}
		board.onRefresh(load);
		load();
	});
})();
