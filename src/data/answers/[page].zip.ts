import {parseArgs} from "node:util";
import {writeSiteShippedAnswers} from "../../../loaders/siteSnapshot.js";

// Framework passes the page of data/answers/<page>.zip as --page; a page reads <page>/first.arrow, large.arrow and later.arrow
const {values} = parseArgs({options: {page: {type: "string"}}});
await writeSiteShippedAnswers(values.page ?? "");
