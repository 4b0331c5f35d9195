import {writeSiteTableDatabase} from "../../loaders/siteSnapshot.js";

await writeSiteTableDatabase("products");
