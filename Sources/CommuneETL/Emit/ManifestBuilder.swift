import Foundation

/// Builds `manifest.json`: what went in, what came out, and when — the run's own record.
enum ManifestBuilder {
    struct Output {
        var path: String
        var bytes: Int
        var sha256: String
    }

    static func manifest(runID: String, options: RunOptions, fingerprint: String, outcomes: [FileOutcome],
                         skipped: [String], acceptances: Output? = nil, outputs: [Output], started: Date, finished: Date) -> [String: Any] {
        [
            "run_id": runID,
            "started_at": RunID.iso8601(started),
            "finished_at": RunID.iso8601(finished),
            "tool": ["name": "commune-etl", "version": options.toolVersion],
            "configuration_sha256": fingerprint,
            "inputs": outcomes.map { outcome in
                [
                    "path": outcome.input.relativePath,
                    "pipeline": outcome.pipeline ?? NSNull(),
                    "bytes": outcome.bytes,
                    "sha256": outcome.sha256,
                    "encoding": outcome.encoding,
                    "repair": outcome.repair ?? NSNull(),
                    "delimiter": outcome.delimiter,
                    "refused": outcome.refused,
                    "reused": outcome.reused,
                    "layout_rows": outcome.layoutRows,
                    "context_from": outcome.context,
                    "rows_read": outcome.rowsRead,
                    "rows_kept": outcome.rowsKept,
                    "anomalies": ["error": outcome.count(.error), "warning": outcome.count(.warning)],
                    // Who corrected what and when (inbox/corrections/), for every correction applied.
                    "corrections": outcome.corrections.map { correction in
                        [
                            "line": correction.sourceLine, "field": correction.field, "from": correction.flaggedValue,
                            "to": correction.correctedValue, "by": correction.correctedBy, "on": correction.correctedOn,
                            "correction_file": correction.correctionFile, "correction_line": correction.correctionLine,
                        ] as [String: Any]
                    },
                ] as [String: Any]
            },
            "skipped": skipped,
            // Read every night, never cached: what it accepts is part of what made the anomaly lists.
            "acceptances": acceptances.map { ["path": $0.path, "bytes": $0.bytes, "sha256": $0.sha256] as [String: Any] } ?? NSNull(),
            "outputs": outputs.map { ["path": $0.path, "bytes": $0.bytes, "sha256": $0.sha256] as [String: Any] },
            "totals": [
                "files": outcomes.count,
                "files_refused": outcomes.count { $0.refused },
                "rows_read": outcomes.reduce(0) { $0 + $1.rowsRead },
                "rows_kept": outcomes.reduce(0) { $0 + $1.rowsKept },
                "anomalies": [
                    "error": outcomes.reduce(0) { $0 + $1.count(.error) },
                    "warning": outcomes.reduce(0) { $0 + $1.count(.warning) },
                ],
            ] as [String: Any],
        ]
    }
}
