/// The anomalies of one input file (`FileOutcome.anomalies`): appended while the file is read, spilled to
/// the run's `parts/` folder past a bounded buffer, read back by line when the run writes its lists.
///
/// Why: held as Swift values, a file's anomalies were the run's largest cost after the household keys
/// (≈ 1.5 KB each: 30 MB at 1M rows, 300 MB at 10M). Here a file costs its buffer (`RunOptions.anomalyBuffer`
/// anomalies) plus what the manifest and the report need without reading them back: the tally, the first
/// error (why a refused file was refused) and the last anomaly (for the run log).
///
/// Appending cannot throw (the readers of files append in their row loops); a spill file that cannot be
/// written makes every later read throw, and the run fails with that `OutputError` (exit 73).
public struct AnomalyLog: Sendable {
    private var log: SpillLog<AnomaliesByLine>
    public private(set) var tally = AnomalyTally()
    public private(set) var firstError: Anomaly?
    /// The anomaly appended last (the log's own, not a copy kept at each append).
    public var last: Anomaly? { log.last }

    /// A log in memory, whatever its size (tests, `commune-etl check`).
    public init() { log = SpillLog() }

    /// A log that spills to `path` past `bufferSize` anomalies.
    init(spillingTo path: String, bufferSize: Int) {
        log = SpillLog(spillingTo: path, bufferSize: bufferSize)
    }

    public var count: Int { log.count }
    public var isEmpty: Bool { log.isEmpty }
    public func count(_ severity: Severity) -> Int { tally.count(severity) }

    public mutating func append(_ anomaly: Anomaly) {
        tally.add(anomaly)
        if firstError == nil, anomaly.severity == .error { firstError = anomaly }
        log.append(anomaly)
    }

    public mutating func append(contentsOf anomalies: some Sequence<Anomaly>) {
        for anomaly in anomalies { append(anomaly) }
    }

    /// Spills the buffer once the file is read (see `SpillLog.flush`).
    mutating func flush() { log.flush() }

    /// Every anomaly, in the order found.
    public func forEach(_ body: (Anomaly) throws -> Void) throws { try log.forEach(body) }

    /// Every anomaly by line (file-level ones first), in the order found on one line: `anomalies.csv`.
    public func forEachByLine(_ body: (Anomaly) throws -> Void) throws { try log.forEachInOrder(body) }

    /// Every anomaly in an array, in the order found or by line (tests, `check`: one file, read whole).
    public func collected(byLine: Bool = false) throws -> [Anomaly] { try log.collected(inOrder: byLine) }

    /// Every anomaly in the order found, handed over without copying when none was spilled (a segment
    /// worker's log, which never spills); the log is left empty.
    mutating func take() throws -> [Anomaly] {
        tally = AnomalyTally()
        firstError = nil
        return try log.take()
    }

    /// The anomalies framed as in `anomalies.bin` (`CachedAnomalies`), in the order found, in pieces.
    func forEachFramedPiece(_ body: (UnsafeRawBufferPointer) throws -> Void) throws { try log.forEachFramedPiece(body) }
}
