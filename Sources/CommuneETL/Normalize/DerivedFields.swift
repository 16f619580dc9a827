/// Computes the derived fields of a row (`derived:` in the pipeline), after its cells are read.
///
/// A derived value whose inputs are missing or unreadable stays missing: rules that need it skip the row.
final class DerivedFields {
    private enum Step {
        case countFlags(slot: Int, of: [Int])
        case classify(slot: Int, income: Int, deprivations: Int, commune: Int)
    }

    private let steps: [Step]
    private let classifier: PovertyClassifier?
    /// By commune index, its poverty line; by class, its choice index: looked up once, not per row.
    private let povertyLines: [Int64]
    private let choiceOfClass: (average: Int, nearPoor: Int, notPoor: Int, poor: Int)

    init(pipeline: CompiledPipeline, registry: CommuneRegistry) {
        var steps: [Step] = []
        var classChoice: [PovertyClass: Int] = [:]
        for derived in pipeline.derived {
            let slot = pipeline.slot(named: derived.name)!
            switch derived.compute {
            case .countFlags:
                steps.append(.countFlags(slot: slot, of: (derived.of ?? []).compactMap(pipeline.slot(named:))))
            case .decree072021Classification:
                steps.append(.classify(
                    slot: slot, income: pipeline.slot(named: derived.income!)!,
                    deprivations: pipeline.slot(named: derived.deprivations!)!, commune: pipeline.slot(named: derived.commune!)!))
                for (index, name) in pipeline.slots[slot].choices.enumerated() {
                    classChoice[PovertyClass(rawValue: name)!] = index
                }
            }
        }
        self.steps = steps
        choiceOfClass = (classChoice[.averageLivingStandard] ?? -1, classChoice[.nearPoor] ?? -1,
                         classChoice[.notPoor] ?? -1, classChoice[.poor] ?? -1)
        let classifier = pipeline.definition.classification.map(PovertyClassifier.init)
        self.classifier = classifier
        povertyLines = classifier.map { classifier in registry.communes.map { classifier.line(for: $0.type) } } ?? []
    }

    func compute(_ row: RowState) {
        // One access to the row's values for all the steps: each `row.values[…]` loads the array from the
        // row again, and each write checks that it is not shared (the dozen flags of a household, every row).
        row.values.withUnsafeMutableBufferPointer { values in compute(values) }
    }

    private func compute(_ values: UnsafeMutableBufferPointer<FieldValue>) {
        for index in steps.indices {
            switch steps[index] {
            case let .countFlags(slot, of):
                var count: Int64 = 0
                var readable = true
                for flag in of {
                    guard case let .flag(marked) = values[flag] else { readable = false; break }
                    // Without a branch: a household's marks are as good as random, and a mispredicted branch a
                    // flag was a third of this step's samples (perf).
                    count &+= Int64(unsafeBitCast(marked, to: UInt8.self))
                }
                values[slot] = readable ? .integer(count) : .missing
            case let .classify(slot, income, deprivations, commune):
                guard case let .integer(income) = values[income], case let .integer(count) = values[deprivations],
                      case let .choice(commune) = values[commune], let classifier else {
                    values[slot] = .missing
                    continue
                }
                let choice = switch classifier.classify(income: income, deprivations: count, line: povertyLines[commune]) {
                case .averageLivingStandard: choiceOfClass.average
                case .nearPoor: choiceOfClass.nearPoor
                case .notPoor: choiceOfClass.notPoor
                case .poor: choiceOfClass.poor
                }
                values[slot] = .choice(choice)
            }
        }
    }
}
