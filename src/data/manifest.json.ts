import {writeSiteSnapshotFile} from "../../loaders/siteSnapshot.js";

await writeSiteSnapshotFile("manifest.json");
