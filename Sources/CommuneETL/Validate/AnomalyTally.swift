/// How many anomalies there are, errors and warnings apart, in all and by commune and by rule: what the
/// manifest and the report say of a list without holding it.
public struct AnomalyTally: Sendable, Equatable {
    public struct Count: Sendable, Equatable {
        public var errors = 0, warnings = 0
        public var total: Int { errors + warnings }

        mutating func add(_ severity: Severity) {
            if severity == .error { errors += 1 } else { warnings += 1 }
        }

        mutating func add(_ other: Count) {
            errors += other.errors
            warnings += other.warnings
        }
    }

    public private(set) var all = Count()
    /// By commune code (empty: no commune) and by rule id: a few dozen keys whatever the anomalies.
    public private(set) var byCommune: [String: Count] = [:]
    public private(set) var byRule: [String: Count] = [:]

    public init() {}

    public init(_ anomalies: some Sequence<Anomaly>) {
        for anomaly in anomalies { add(anomaly) }
    }

    public mutating func add(_ anomaly: Anomaly) {
        all.add(anomaly.severity)
        byCommune[anomaly.communeCode, default: Count()].add(anomaly.severity)
        byRule[anomaly.rule, default: Count()].add(anomaly.severity)
    }

    public mutating func add(_ other: AnomalyTally) {
        all.add(other.all)
        for (key, count) in other.byCommune { byCommune[key, default: Count()].add(count) }
        for (key, count) in other.byRule { byRule[key, default: Count()].add(count) }
    }

    public func count(_ severity: Severity) -> Int { severity == .error ? all.errors : all.warnings }
}
