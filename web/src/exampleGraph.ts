// The editor's starting point: the scalar metric graph from docs/pool-graph.md.
export const exampleGraph = {
  version: 1,
  fields: [
    { name: "timestamp", type: "dateTime" },
    { name: "value", type: "number" },
  ],
  pools: [
    {
      name: "main",
      encoders: [
        { name: "value", rdse: { size: 400, activeBits: 21, resolution: 0.5 } },
        { name: "timestamp", dateTime: { timeOfDayWidth: 21, timeOfDayRadius: 9.49 } },
      ],
      spatialPooler: { columnDimensions: [2048], numActiveColumnsPerInhArea: 40, potentialPct: 0.8 },
      temporalMemory: { cellsPerColumn: 32, activationThreshold: 13, minThreshold: 10 },
      likelihood: { learningPeriod: 375, estimationSamples: 375 },
      predictor: { steps: [1, 5], resolution: 0.5 },
      metricField: "value",
      spatialTolerance: 0.05,
    },
  ],
  outputs: { activeColumns: true, predictiveCells: true, predictions: true },
  timestampField: "timestamp",
};
