import {writeSiteSnapshotFile} from "../../loaders/siteSnapshot.js";

await writeSiteSnapshotFile("order_lines.parquet");
