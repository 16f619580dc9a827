// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "CommuneETL",
    products: [
        .library(name: "CommuneETL", targets: ["CommuneETL"]),
        .executable(name: "commune-etl", targets: ["commune-etl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // libcsv has no pkg-config file; Makefile installs libcsv-dev. Only the tests link it (the reference).
        .systemLibrary(name: "CLibCSV", path: "Sources/CLibCSV"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib"),
        // The canonical tables' gzip members (whole 1 MiB buffers): libdeflate 1.26, its compressor only, vendored
        // unmodified (Sources/CLibDeflate/README.md says why: 12 % faster than Debian's 1.14, and the same bytes on
        // every machine whatever the system has).
        .target(
            name: "CLibDeflate",
            path: "Sources/CLibDeflate",
            exclude: ["COPYING", "README.md"],
            cSettings: [.headerSearchPath(".")]
        ),
        // SHA-256 rounds on the SHA-NI instructions (selected at run time), which Swift cannot emit.
        .target(name: "CSHA256", path: "Sources/CSHA256"),
        // A prefetch hint for the household-key table's slots (`KeyTable.prefetch`), which Swift cannot emit.
        .target(name: "CPrefetch", path: "Sources/CPrefetch"),
        // Starting a file's writeback early (`sync_file_range`), which Swift's Glibc module does not declare.
        .target(name: "CWriteback", path: "Sources/CWriteback"),
        // Finding the next quote or line break sixteen bytes a compare (SSE2), which Swift cannot express portably.
        .target(name: "CByteScan", path: "Sources/CByteScan"),
        .target(
            name: "CommuneETL",
            dependencies: [
                "CZlib", "CLibDeflate", "CSHA256", "CPrefetch", "CWriteback", "CByteScan", "Yams",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [
                // Release builds skip the run-time exclusivity checks (debug builds and `swift test` keep them):
                // every access to a class's stored property on the row path paid for one (perf: ~6 % of a run).
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
            ]
        ),
        .executableTarget(
            name: "commune-etl",
            dependencies: [
                "CommuneETL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "CommuneETLTests",
            // libcsv: the reference `CSVRecordReader` is compared with (CSVRecordReaderAgreementTests).
            dependencies: ["CommuneETL", "CLibCSV", "CZlib", "CLibDeflate", "CByteScan"],
            resources: [.copy("Fixtures")]
        ),
    ]
)

// Strict settings for every Swift target, in one place.
for target in package.targets where target.type != .system && !["CLibDeflate", "CSHA256", "CPrefetch", "CWriteback", "CByteScan"].contains(target.name) {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ]
}
