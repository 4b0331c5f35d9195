import {writeSiteTableDatabase} from "../../loaders/siteSnapshot.js";

await writeSiteTableDatabase("customers");
