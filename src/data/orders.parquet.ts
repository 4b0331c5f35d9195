import {writeSiteSnapshotFile} from "../../loaders/siteSnapshot.js";

await writeSiteSnapshotFile("orders.parquet");
