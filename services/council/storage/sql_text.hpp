// SQL fragments shared by the stores (macros, so that they concatenate with string literals).
#pragma once

/// A timestamptz column `col` as RFC 3339 UTC text with microseconds, e.g. 2026-11-22T03:17:13.315987Z.
#define COUNCIL_SQL_RFC3339(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
