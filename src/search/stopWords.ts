/**
 * Words that carry no topic: English function words plus the phrasing of questions ("what does a … do",
 * "who handles …", "tell me about …"), so that the content words decide the ranking.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are aren't as at be because been before being below between
  both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from
  further had hadn't has hasn't have haven't having he her here hers herself him himself his how i i'm if in into is
  isn't it it's its itself just let's me more most my myself no nor not now of off on once only or other ought our ours
  ourselves out over own same she should shouldn't so some such than that that's the their theirs them themselves then
  there there's these they this those through to too under until up very was wasn't we were weren't what what's when
  where where's which while who who's whom why why's will with won't would wouldn't you your yours yourself yourselves
  s t d ll m re ve also actually really please tell explain describe define meaning mean means kind sort thing things
  something anything everything get gets got give show know want need like e.g i.e etc vs versus
  whats whos hows wheres according regarding instead rather getting use used uses using involve involves involved
  r u ur w b4 pls plz thx tl dr tldr btw imo imho fyi ok okay hey hi hello etc stuff lots lot supposed gonna wanna
  someone anyone everyone us we our ours i'd i've i'll you're we're they're can't actual basically exactly
  much many tho though lol lmao idk ya yeah yep yup nah kinda sorta gotta dunno hmm um uh guys folks people ppl peeps
  pls thanks thank
  omg rn tbh ngl smth sth bc cuz coz abt bout btwn w/ wo ie eg wat wut wht n y im ive id ill dont doesnt didnt isnt
  cant wont whats arent wasnt werent hasnt havent hadnt shouldnt wouldnt couldnt mustnt neednt aint youre theyre
  thats theres lets youve weve theyve youll theyll whys yall anyway anyways literally even quick question questions q help wondering wonder curious
  list checklist overview summary summarize rundown breakdown example examples tip tips advice`
    .split(/\s+/)
    .filter(Boolean),
);
