// The shared test toolkit (Tests/TillTestSupport), visible in every file of this target.
@_exported import TillTestSupport
