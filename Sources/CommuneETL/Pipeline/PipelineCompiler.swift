/// Checks a `PipelineDefinition` for consistency and compiles it.
///
/// Every name a rule, a key or the output mentions must be a field; every field whose cells can fail to
/// read must be covered by a rule that reports it. A mistake is an `ETLError.configuration` naming the file
/// and the key, raised at start, before any input is read.
public enum PipelineCompiler {
    /// - Parameter indicators: the catalogue an `indicator` field is matched against.
    public static func compile(_ definition: PipelineDefinition, file: String,
                               indicators: IndicatorCatalogue? = nil) throws -> CompiledPipeline {
        func fail(_ location: String, _ problem: String) -> ETLError {
            .configuration(file: file, location: location, problem: problem)
        }
        guard definition.version == 1 else {
            throw fail("version", "unsupported version \(definition.version); this build reads version 1")
        }
        var slots: [CompiledPipeline.Slot] = []
        var slotIndex: [String: Int] = [:]
        var headerLookup: [String: Int] = [:]
        for (position, field) in definition.fields.enumerated() {
            let location = "fields[\(position)] (\(field.name))"
            guard slotIndex[field.name] == nil else { throw fail(location, "the field name is declared twice") }
            guard let firstHeader = field.headers.first else { throw fail(location, "a field needs at least one header") }
            var slot = CompiledPipeline.Slot(
                name: field.name, type: field.type, min: field.min, max: field.max,
                labelVI: firstHeader, labelEN: field.name.replacingOccurrences(of: "_", with: " "),
                description: field.description ?? "", isDerived: false, context: field.context)
            slot.ambiguousBelow = field.ambiguousBelow
            slot.dashIsZero = field.dashIsZero ?? false
            slot.personal = field.personal
            switch (field.context, field.type) {
            case (nil, _), (.commune, .commune), (.year, .integer): break
            default: throw fail(location + ".context", "context '\(field.context!.rawValue)' does not fit a field of type \(field.type.rawValue)")
            }
            if field.type == .enum {
                guard let values = field.values, !values.isEmpty else { throw fail(location, "an enum field needs values") }
                slot.choices = values.keys.sorted()
                for (index, key) in slot.choices.enumerated() {
                    for label in values[key]! + [key] {
                        let folded = TextFolding.nameKey(label)
                        if let other = slot.choiceLookup[folded], other != index {
                            throw fail(location + ".values", "the label '\(label)' stands for two values")
                        }
                        slot.choiceLookup[folded] = index
                    }
                }
            }
            if field.type == .indicator {
                guard let indicators else { throw fail(location, "an indicator field needs the indicator catalogue (indicators.yaml)") }
                slot.choices = indicators.indicators.map(\.code)
                for (index, indicator) in indicators.indicators.enumerated() {
                    for label in [indicator.name.vi, indicator.code] + indicator.aliases {
                        slot.choiceLookup[TextFolding.nameKey(label)] = index
                    }
                }
            }
            for header in field.headers {
                let key = TextFolding.matchKey(header)
                if let other = headerLookup[key], other != slots.count {
                    throw fail(location + ".headers", "the header '\(header)' also names the field \(slots[other].name)")
                }
                headerLookup[key] = slots.count
            }
            slotIndex[field.name] = slots.count
            slots.append(slot)
        }
        for derived in definition.derived {
            guard slotIndex[derived.name] == nil else { throw fail("derived (\(derived.name))", "the name is already a field") }
            let inputs = [derived.of ?? [], [derived.income, derived.deprivations, derived.commune].compactMap { $0 }].flatMap { $0 }
            for input in inputs where slotIndex[input] == nil {
                throw fail("derived (\(derived.name))", "unknown field '\(input)'")
            }
            if derived.compute == .decree072021Classification {
                guard derived.income != nil, derived.deprivations != nil, derived.commune != nil else {
                    throw fail("derived (\(derived.name))", "the classification needs income, deprivations and commune")
                }
                guard let classification = definition.classification else {
                    throw fail("classification", "the classification section is missing")
                }
                for key in ["xa", "thi_tran"] where classification.povertyLine[key] == nil {
                    throw fail("classification.poverty_line", "no poverty line for '\(key)'")
                }
            }
            let type: FieldType = derived.compute == .countFlags ? .integer : .enum
            let labelEN = derived.name.replacingOccurrences(of: "_", with: " ")
            var slot = CompiledPipeline.Slot(
                name: derived.name, type: type, labelVI: derived.label?.vi ?? labelEN, labelEN: derived.label?.en ?? labelEN,
                description: derived.description ?? "", isDerived: true)
            if derived.compute == .decree072021Classification {
                slot.choices = PovertyClass.allCases.map(\.rawValue)
            }
            slotIndex[derived.name] = slots.count
            slots.append(slot)
        }
        func slotsFor(_ names: [String], _ location: String) throws -> [Int] {
            try names.map { name in
                guard let index = slotIndex[name] else { throw fail(location, "unknown field '\(name)'") }
                return index
            }
        }
        var outputColumns: [CompiledPipeline.OutputColumn] = []
        for name in definition.output {
            switch name {
            case "source_file": outputColumns.append(.sourceFile)
            case "source_line": outputColumns.append(.sourceLine)
            case "corrected_fields": outputColumns.append(.correctedFields)
            case "corrected_by": outputColumns.append(.correctedBy)
            case "corrected_on": outputColumns.append(.correctedOn)
            default: outputColumns.append(.slot(try slotsFor([name], "output").first!))
            }
        }
        let primaryKey = try slotsFor(definition.primaryKey, "primary_key")
        let recordKey = try slotsFor([definition.recordKey], "record_key").first!
        var required: [Int] = []
        var covered = Set<Int>()
        for (position, rule) in definition.rules.enumerated() {
            let location = "rules[\(position)] (\(rule.id))"
            let ruleSlots = try slotsFor(rule.fields, location + ".fields")
            switch rule.check {
            case .required: required += ruleSlots
            case .type, .reference: covered.formUnion(ruleSlots)
            default: break
            }
            for name in [rule.left, rule.right, rule.reportField, rule.count, rule.base, rule.outflow, rule.inflow,
                         rule.indicator, rule.atLeastRowsOf].compactMap({ $0 }) + (rule.equals.map { Array($0.keys) } ?? []) {
                _ = try slotsFor([name], location)
            }
        }
        if let facts = definition.facts {
            _ = try slotsFor(facts.by + (facts.sum ?? []) + [facts.count].compactMap { $0 }, "facts")
            for rate in facts.rates ?? [] where !(facts.sum ?? []).contains(rate.count) || !(facts.sum ?? []).contains(rate.base) {
                throw fail("facts.rates (\(rate.name))", "count and base must be summed fields")
            }
        }
        for (index, slot) in slots.enumerated() where !slot.isDerived && slot.type != .text && !covered.contains(index) {
            throw fail("rules", "no type or reference rule reports unreadable values of '\(slot.name)'")
        }
        return CompiledPipeline(
            definition: definition, file: file, slots: slots, slotIndex: slotIndex, headerLookup: headerLookup,
            requiredSlots: required, outputColumns: outputColumns, outputNames: definition.output,
            primaryKeySlots: primaryKey, recordKeySlot: recordKey, derived: definition.derived)
    }
}
