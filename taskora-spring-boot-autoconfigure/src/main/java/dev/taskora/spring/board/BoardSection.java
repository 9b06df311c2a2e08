package dev.taskora.spring.board;

import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * A page of the board that a capability adds when it is there (workflows, migrations): a
 * bean of this type puts its routes under the board's API, behind the board's login and
 * read-only rule, and names the script that draws its page.
 *
 * <pre>{@code
 * &#64;Bean
 * BoardSection workflowsBoardSection(Taskora taskora) {
 *     return new BoardSection() {
 *         public String id() { return "workflows"; }
 *         public String title() { return "Workflows"; }
 *         public RouterFunction<ServerResponse> routes(String apiPath) {
 *             return RouterFunctions.route()
 *                 .GET(apiPath + "/workflows", request -> ServerResponse.ok().body(list(taskora)))
 *                 .build();
 *         }
 *     };
 * }
 * }</pre>
 *
 * The UI lists the section in its navigation ({@code api/config} names it) and loads
 * {@code assets/sections/<id>.js} from the classpath
 * ({@code META-INF/taskora-board/sections/}), which registers the page with
 * {@code TaskoraBoard.page(id, render)}.
 */
public interface BoardSection {

	/** The section's id: its URL fragment and script name, as {@code workflows}. */
	String id();

	/** The title in the navigation. */
	String title();

	/**
	 * The section's routes.
	 * @param apiPath the board's API path, as {@code /taskora/api}
	 */
	RouterFunction<ServerResponse> routes(String apiPath);

}
