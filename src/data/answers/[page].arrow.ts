import {parseArgs} from "node:util";
import {writeSiteShippedAnswers} from "../../../loaders/siteSnapshot.js";

// Framework passes the page of data/answers/<page>.arrow as --page
const {values} = parseArgs({options: {page: {type: "string"}}});
await writeSiteShippedAnswers(values.page ?? "");
