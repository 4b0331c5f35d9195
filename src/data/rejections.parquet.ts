import {writeSiteSnapshotFile} from "../../loaders/siteSnapshot.js";

await writeSiteSnapshotFile("rejections.parquet");
