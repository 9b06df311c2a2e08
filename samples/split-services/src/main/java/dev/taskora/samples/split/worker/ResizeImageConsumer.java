package dev.taskora.samples.split.worker;

import java.util.List;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.contract.Versioning;
import dev.taskora.samples.split.contracts.ImageContracts;
import dev.taskora.samples.split.contracts.ImageContracts.ResizeRequest;
import dev.taskora.samples.split.contracts.ImageContracts.Thumbnail;
import dev.taskora.spring.annotation.PayloadMigrations;
import dev.taskora.spring.annotation.TaskConsumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Implements the shared contract; the heavy image code would live here only. Jobs of
 * version 1 (the width was {@code w}) are migrated before {@link #handle} sees them.
 */
@TaskConsumer(contract = ImageContracts.class, concurrency = "4")
class ResizeImageConsumer implements TaskHandler<ResizeRequest, Thumbnail>, PayloadMigrations {

	@Override
	public Versioning versioning() {
		return Versioning.ordered(1, List.of(v1 -> {
			ObjectNode data = (ObjectNode) v1;
			return data.set("width", data.remove("w"));
		}));
	}

	@Override
	public Thumbnail handle(ResizeRequest request, JobContext ctx) {
		ctx.log().info("Resizing", java.util.Map.of("url", request.url(), "width", request.width()));
		String key = "thumbs/" + Integer.toHexString(request.url().hashCode()) + "-" + request.width() + ".png";
		return new Thumbnail(key, request.width());
	}

}
