"""The calendar's pages, by sub-domain: calendar, booking, lifecycle, series, schedules, feed."""
