import {writeSiteSnapshotFile} from "../../loaders/siteSnapshot.js";

await writeSiteSnapshotFile("customers.parquet");
