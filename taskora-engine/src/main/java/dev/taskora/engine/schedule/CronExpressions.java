package dev.taskora.engine.schedule;

import java.util.Objects;
import java.util.regex.Pattern;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * The cron dialect taskora accepts (that of Node's cron-parser): 5 fields, or 6 with
 * seconds first; day of week 0-7 (0 and 7 are Sunday); names, {@code L}, {@code W},
 * {@code #}, {@code ?} (any) and the usual nicknames. When both day of month and day of
 * week are restricted, either one matching is enough, as in Unix cron.
 */
final class CronExpressions {

	private static final CronParser FIVE_FIELDS = new CronParser(definition(false));

	private static final CronParser SIX_FIELDS = new CronParser(definition(true));

	/**
	 * A lone {@code ?} means "any", as {@code *}. cron-utils would read it Quartz's way
	 * instead, where day of month and day of week must then both match.
	 */
	private static final Pattern QUESTION_MARK = Pattern.compile("(?<=^|\\s)\\?(?=\\s|$)");

	private CronExpressions() {
	}

	/**
	 * Parses and checks an expression.
	 * @throws IllegalArgumentException saying what is wrong with it
	 */
	static ExecutionTime parse(String expression) {
		String text = expression.trim();
		if (text.isEmpty()) {
			throw new IllegalArgumentException("is empty");
		}
		int fields = text.startsWith("@") ? 5 : text.split("\\s+").length;
		CronParser parser = switch (fields) {
			case 5 -> FIVE_FIELDS;
			case 6 -> SIX_FIELDS;
			default -> throw new IllegalArgumentException("'" + expression + "' has " + fields
					+ " fields; expected 5 (minute hour day-of-month month day-of-week) or 6 (seconds first)");
		};
		Cron cron;
		try {
			cron = parser.parse(QUESTION_MARK.matcher(text).replaceAll("*")).validate();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"'" + expression + "' is not a valid cron expression: "
							+ Objects.toString(ex.getMessage(), "").replace("Failed to parse cron expression. ", ""),
					ex);
		}
		return ExecutionTime.forCron(cron);
	}

	private static CronDefinition definition(boolean seconds) {
		CronDefinitionBuilder builder = CronDefinitionBuilder.defineCron();
		if (seconds) {
			builder = builder.withSeconds().withValidRange(0, 59).withStrictRange().and();
		}
		return builder.withMinutes()
			.withValidRange(0, 59)
			.withStrictRange()
			.and()
			.withHours()
			.withValidRange(0, 23)
			.withStrictRange()
			.and()
			.withDayOfMonth()
			.withValidRange(1, 31)
			.supportsL()
			.supportsW()
			.supportsLW()
			.withStrictRange()
			.and()
			.withMonth()
			.withValidRange(1, 12)
			.withStrictRange()
			.and()
			.withDayOfWeek()
			.withValidRange(0, 7)
			.withMondayDoWValue(1)
			.withIntMapping(7, 0)
			.supportsHash()
			.supportsL()
			.withStrictRange()
			.and()
			.withSupportedNicknameYearly()
			.withSupportedNicknameAnnually()
			.withSupportedNicknameMonthly()
			.withSupportedNicknameWeekly()
			.withSupportedNicknameDaily()
			.withSupportedNicknameMidnight()
			.withSupportedNicknameHourly()
			.instance();
	}

}
