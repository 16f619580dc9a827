/// Computes the derived fields of a row (`derived:` in the pipeline), after its cells are read.
///
/// A derived value whose inputs are missing or unreadable stays missing: rules that need it skip the row.
struct DerivedFields {
    private enum Step {
        case countFlags(slot: Int, of: [Int])
        case classify(slot: Int, income: Int, deprivations: Int, commune: Int)
    }

    private let steps: [Step]
    private let classifier: PovertyClassifier?
    private let communeTypes: [String]
    private let classChoice: [PovertyClass: Int]

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
        self.classChoice = classChoice
        classifier = pipeline.definition.classification.map(PovertyClassifier.init)
        communeTypes = registry.communes.map(\.type)
    }

    func compute(_ row: RowState) {
        for step in steps {
            switch step {
            case let .countFlags(slot, of):
                var count: Int64 = 0
                var readable = true
                for flag in of {
                    guard case let .flag(marked) = row.values[flag] else { readable = false; break }
                    if marked { count += 1 }
                }
                row.values[slot] = readable ? .integer(count) : .missing
            case let .classify(slot, income, deprivations, commune):
                guard case let .integer(income) = row.values[income], case let .integer(count) = row.values[deprivations],
                      case let .choice(commune) = row.values[commune], let classifier else {
                    row.values[slot] = .missing
                    continue
                }
                let found = classifier.classify(income: income, deprivations: count, communeType: communeTypes[commune])
                row.values[slot] = .choice(classChoice[found]!)
            }
        }
    }
}
