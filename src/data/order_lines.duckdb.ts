import {writeSiteTableDatabase} from "../../loaders/siteSnapshot.js";

await writeSiteTableDatabase("order_lines");
