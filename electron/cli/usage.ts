/** The `planner` command line's help: every command and its options, printed by `planner help` and after a usage error. */
export const USAGE = `Usage: planner <command> [options]

Commands:
  new --out FILE [--name TEXT] (--members CODE,CODE,... | --region NAME | --all-england)
                                   A new plan from the built-in national data for any set of
                                   English upper-tier authorities (ONS codes or names), one
                                   of the nine regions, or all of England; with example
                                   scenarios made for its members. Refuses to overwrite.
  summary [--plan FILE] [--json]   The consortium, each authority and its headline figures.
                                   Without --plan, a new plan for the default consortium
                                   (Greater Manchester, the model case).
  import --plan FILE [--json] [--max-input-size SIZE] [--layer NAME] [--as-of DATE] PATH...
                                   Import published files (DfE, ONS, Ofsted CSV/XLSX/ODS, …)
                                   into the plan, creating it from the built-in template if it
                                   does not exist. Any error blocks the import and changes nothing.
                                   Refused while another program has the plan open for changes.
                                   Files over SIZE (default 1GiB; e.g. 500MB, 2GiB) are refused
                                   before they are read. --layer reads that layer of a boundary
                                   file with several (the preview lists them); --as-of gives the
                                   date (YYYY-MM-DD) of an Ofsted snapshot that does not say it.
                                   A file that adds or replaces nothing is not imported (exit 1
                                   when no file does).
  project [--plan FILE] [--years N] [--method rate|manual] [--growth CODE=RATE ...]
          [--sims N] [--seed S] [--json]
                                   Bed need per authority and for the consortium, each year
                                   of the plan's horizon (or --years): demand P10/P50/P90, beds
                                   needed, places, gap, the assumptions used, and the backtest
                                   of the same method.
  project --plan FILE --method stockflow [--mode sf-regional|corrected|both] [--la NAME ...]
          [--reference-months N | --reference-start DATE --reference-end DATE]
          [--horizon-months M] [--report-months 6,12,18,24] [--sims N] [--seed S] [--json]
                                   Children in care by placement category from the plan's
                                   SSDA903 returns (stock-flow model), for each report month.
  backtest [--plan FILE] [--all-england] [--measure childrenInChildrensHomes|childrenLookedAfter]
          [--from YEAR] [--to YEAR] [--horizons 1,2,3] [--json]
                                   Rolling-origin backtest on the plan's figures (its members,
                                   or every authority it holds with --all-england; imported
                                   history included): per horizon, pairs, MAE, MAPE, MASE,
                                   bias and 80% coverage for the chosen method and for last
                                   value, drift and linear trend. --from/--to limit the years
                                   of figures used.
  template --out FILE.xlsx [--plan FILE] [--empty]
                                   Write the data template for placement flows, unit costs and
                                   supply changes, filled with the plan's values unless --empty.
  export [--plan FILE] --format pdf|xlsx|csv --out PATH [--scenario NAME ...]
                                   A PDF report (cover, summary, projection, gap map, scenarios
                                   and their comparison, assumptions, methodology, sources;
                                   at most four --scenario, default the plan's first four;
                                   needs Chromium), a workbook (one sheet per table) or a
                                   folder of CSV files: data by LA, projection, backtest,
                                   scenarios and their comparison with the baseline,
                                   assumptions, history, sources and what the plan is missing.
  scenario list [--plan FILE] [--json]
  scenario run|compare [--plan FILE] [--scenario NAME ...] [--levers FILE.json ...]
          [--sims N] [--seed S] [--json]
                                   Co-commissioning scenarios: outcomes by year and totals over
                                   the plan's horizon (gap, where children are placed, 20+ miles,
                                   missing incidents, cost, NPV), and differences from the baseline.
  scenario schema                  The JSON Schema of a scenario file for --levers.
  recommend [--plan FILE] --budget POUNDS [--objective local|distance|cost] [--sizes 2,3,4]
          [--candidates CODE,...] [--opening-years 2026-27,...] [--running-ceiling POUNDS]
          [--need-types mainstream,soloComplex] [--sims N] [--seed S] [--json]
                                   Where to open consortium-run homes within a capital budget
                                   (e.g. 5000000 or 5m): the homes ranked by what each adds,
                                   against the baseline, for the objective (local: fewest placed
                                   outside the consortium, the default; distance: fewest 20+ miles
                                   away; cost: lowest whole-life cost), how often the choice holds
                                   across simulations, the value of £1m more and the assumptions
                                   that would change it.
  help                             This message.
  version                          The app version.
`;
