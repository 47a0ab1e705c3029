import type { LanguagePack } from '../types';

/**
 * English. Cues are general buying-cycle language (prices, stock, orders, refunds, praise), not
 * the words of any one industry; travel and hospitality words are kept few and weak so that a
 * post about a flight is not post-purchase on that word alone.
 */
export const en: LanguagePack = {
  code: 'en',
  stopwords:
    'the a an to and i you my is it for of in on this that with be have not are was but so just me your we can do at if what how they our get from or will am im',
  foreignStopwords:
    'el los las que del por para con es muy una este esta ese qué y está pero como más le les des est et je vous sur pas une dans ce cette avec très mais ist und der das nicht ich mein meine auf mit sehr ein eine seit zwei não com uma você isso ele ela het een niet ik zijn van voor è della sono questo non',
  aliases:
    "dont>don't cant>can't wont>won't didnt>didn't doesnt>doesn't isnt>isn't arent>aren't wasnt>wasn't havent>haven't hasnt>hasn't ive>i've youre>you're thx>thanks thnx>thanks thnks>thanks thks>thanks thanx>thanks tks>thanks ty>thanks msg>message msgs>messages pls>please plz>please u>you ur>your r>are wanna>want gonna>going cuz>because bc>because rn>now asap>urgently tmrw>tomorrow tmr>tomorrow colour>color colours>colors",
  negators: "not no never don't doesn't didn't won't wouldn't isn't aren't wasn't nor neither haven't hasn't",
  blockers: "can't couldn't unable cannot failed fails failing",
  clauseBreakers: 'but though although however except unless despite',
  contrasts: 'but however',
  concessives: 'despite though although',
  waitContext: 'for waited waiting wait hold been over than after almost nearly still already of later late delay delayed on',
  questionStarters:
    'how what where when which who why is are do does did can could will would should any anyone anybody has have was were whats wheres',
  possessives: 'my our',
  possessiveSkips: 'first whole entire recent last latest current brand favorite favourite',
  ownedNouns:
    'order:my-order package:my-order parcel:my-order delivery:my-order shipment:my-order refund:my-order return:my-order item:my-order purchase:my-order tracking:my-order ' +
    'account:my-account subscription:my-account bill:my-account billing:my-account card:my-account payment:my-account password:my-account plan:my-account membership:my-account points:my-account miles:my-account contract:my-account statement:my-account invoice:my-account login:my-account profile:my-account ' +
    'flight:my-booking booking:my-booking reservation:my-booking ticket:my-booking tickets:my-booking seat:my-booking room:my-booking bag:my-booking bags:my-booking luggage:my-booking suitcase:my-booking stay:my-booking ' +
    'phone:my-product laptop:my-product device:my-product car:my-product tv:my-product router:my-product modem:my-product internet:my-product wifi:my-product service:my-product app:my-product playlist:my-product playlists:my-product warranty:my-product claim:my-product case:my-product charger:my-product headphones:my-product earbuds:my-product watch:my-product',
  notOwned:
    'mom mum dad mother father parents wife husband son daughter kid kids children baby sister brother family friend friends best bf gf boyfriend girlfriend partner grandma grandpa grandmother grandfather aunt uncle cousin boss team coworker coworkers colleague neighbour neighbor dog cat pet life day week weekend morning night time mind heart head hair skin body face hands feet legs eyes own favorite favourite god goodness way point turn fault opinion thoughts feelings mood self dream dreams future career job birthday',
  newWords: 'new',
  oldWords: 'old',
  timeUnits: 'min mins minute minutes hour hours hr hrs day days week weeks month months',
  numberWords: 'two three four five six seven eight nine ten twelve twenty thirty forty fifty several',
  againWords: 'again anymore ever',
  purchaseVerbs: 'buy book order purchase reserve rent hire subscribe preorder',
  intentVerbs: 'want wanted wanting trying tried try attempting attempted need needed looking planning plan hoping hope going ready about like love',
  hashtagSentiment:
    'fail:- sucks:- suck:- worst:- nothappy:- unhappy:- never:- fraud:- scam:- shame:- disappoint:- angry:- annoyed:- rude:- delay:- cancel:- lost:- stuck:- notcool:- nocustomer:- badservice:- poorservice:- awful:- terrible:- horrible:- ' +
    'love:+ thank:+ best:+ great:+ happy:+ awesome:+ amazing:+ grateful:+ blessed:+ win:+ luv:+ fan:+',
  cues: [
    // ── purchase: choosing now ──────────────────────────────────────────────────────────────
    ['price-question', 'buy', 0.8, 'q',
      'how much|do you charge|how much do you charge|is there a fee|is there a charge|fare|fares|price|prices|pricing|cost|costs|quote|quotes|rates|price list|how much is|how much are|how much for|whats the price|what is the price|price check|cost?|pricing plans|how expensive|is it expensive|cheaper|cheapest|affordable'],
    // Asking for the price outright, with or without a question mark ("dm me the price pls").
    ['price-request', 'buy', 1.6, '', 'dm me the price|dm me the prices|dm me price|dm price|price please|price pls|price plz|prices please|send me the price|send the price|whats the price|what is the price|how much pls|how much please'],
    ['offer-question', 'buy', 0.9, 'q',
      'include|includes|included|sale|on sale|having a sale|a sale|discount|discounts|promo code|promo codes|coupon|coupons|coupon code|discount code|deal|deals|black friday|cyber monday|sale price|price match|student discount|bundle|free trial|trial|installments|payment plan|financing|pay monthly|annual plan|monthly plan|monthly pass|gift card'],
    ['unavailable', '-', 1, '-', 'not available|isn\'t available|wasn\'t available|aren\'t available|weren\'t available|no longer available|unavailable|never available'],
    ['stock-question', 'buy', 1.1, 'q',
      'in stock|back in stock|out of stock|restock|restocking|available|availability|in a size|what size|which size|size|sizes|sizing|in navy|in black|in white|come in|any rooms|rooms left|any tables|spots left|seats left|tickets left|still available|sold out everywhere'],
    ['shipping-question', 'buy', 1.2, 'q',
      'ship to|shipping to|deliver to|delivery to|do you ship|do you deliver|you deliver|you ship|shipping cost|shipping costs|free shipping|international shipping|delivery options|delivery fee|how long does shipping|how long does delivery|pick up in store|click and collect|curbside'],
    ['where-to-buy', 'buy', 2, '',
      'where can i buy|where to buy|where do i buy|where can i get|where do i get|where can i find|where did you get|where did you buy|link to buy|link please|link to order|where to order|who sells|do you sell|is this sold'],
    ['buy-intent', 'buy', 2, 'ni',
      'want to buy|want to order|want to book|want to get one|going to buy|going to order|going to book|about to buy|about to order|about to book|ready to buy|ready to order|ready to book|looking to buy|looking to book|looking to order|planning to buy|plan to buy|trying to buy|trying to order|trying to book|try to buy|try to order|try to book|would like to order|would like to book|like to order|like to book|i\'d like to order|i\'d like to book|i\'d like a quote|take my money|add to cart|checkout|check out page|place an order|place my order|finish my order|complete my order|complete my purchase|finish my purchase|pre order|preorder|preorders|sign up|signing up|subscribe|book a table|book a room|table for|get a quote|need a quote|can i order|how do i order|how can i order|can i buy|how do i buy|can i book|how do i book|can i still get|can i pay|how do i sign up|buy tickets|buy a ticket|order today|order online|grab one|grabbing one|going to grab|buy 0'],
    ['purchase-word', 'buy', 0.5, 'nq', 'buy|buying|purchase|order|book|reserve|reservation|reservations|membership|tickets|menu'],
    ['store-question', 'buy', 1.3, 'q',
      'store hours|opening hours|open today|open tomorrow|open late|open on sunday|open on sundays|open on|store open|are you open|you open|what time do you open|what time do you close|near me|closest store|nearest store|which store|in store|store on|location near'],
    ['contact-sales', 'buy', 1.2, '', 'who do i contact|contact sales|sales team|talk to sales|sales rep|demo|book a demo|request a demo|for our team|for my small business|bulk order|wholesale|for 0 people'],
    ['comparison', 'buy', 1.0, 'q',
      'which is better|which one|which one is better|compare|comparing|comparison|should i get|should i buy|what should i get|which should i|decide between|deciding between|torn between|or should i|worth the upgrade'],
    ['comparison', 'buy', 0.7, 'q', 'vs|versus|better than|or the|is annual|is it worth it'],
    ['competitor-switch', 'buy', 0.9, 'q', 'switching from|switch from|thinking of switching|switching to|switch to'],
    // ── pre-purchase: exploring, wishing, learning ────────────────────────────────────────────
    ['wish', 'pre', 1.2, 'n',
      'can\'t wait|cannot wait|can\'t wait for|i wish|wish|wishing|someday|some day|one day|dream|dreaming|wishlist|wish list|goals|would love|i want|want one|want everything|want this|i need this|treat myself|eyeing|been eyeing|hint hint|on my list|bucket list|cant wait to try|can\'t wait to try|want to try|dying to try|would be so useful|made me want|could afford'],
    ['exploring', 'pre', 1.1, 'nq',
      'thinking about|thinking of|considering|consider|curious|research|researching|looking into|look at options|looking at options|learn about|read about|reading about|just learned|just read|anyone tried|has anyone tried|anyone used|anyone have|anyone actually|does anyone|is it worth|worth it|are they worth|any good|legit|the hype|can someone explain|can anyone explain|explain the difference|what is a|what is an|what even is|whats the difference|what\'s the difference|difference between|how does|how do they|do they actually|does it work|do they help|actually help|actually work|recommendations|recommendation|any recommendations|any suggestions|any tips|tips for|where do beginners|getting into|start thinking|something i should|is it good'],
    ['need-awareness', 'pre', 1.1, 'n',
      'need a new|need to find|need a better|need a good|time for a new|time to upgrade|time to look|on its last legs|last legs|outgrowing|ancient|so outdated|need one|need help choosing|bigger models'],
    ['feature-request', 'pre', 1.3, '',
      'please add|please make|please bring|please consider|bring back|you should add|you should make|you should offer|you should start|you need to add|any plans|plan to support|plans to|do you plan|you plan on|planning to add|any chance you|is there any chance|any chance of|would be great if|it would be nice if|would be nice if|why don\'t you|why not add|consider adding|hope you add|on the drawing board|any truth to|will you be adding|adding flights|add more|more options|when are you going to|when will there be|in the future will|upcoming|will there be|coming out|come out|when will you|will you ever|make a smaller|make a bigger|new feature|feature request|would make it perfect|when is the|release date|launch date|when does it launch|new collection|holiday collection|be announced'],
    ['ad-reaction', 'pre', 1.0, '', 'ad|ads|advert|commercial|commercials|campaign|saw your ad|your ad|your commercial|sponsored post|new packaging|packaging'],
    ['product-news', 'pre', 0.5, 'c', 'launch|launched|announced|unveil|unveils|just dropped|new drop'],
    // ── post-purchase: a customer ─────────────────────────────────────────────────────────────
    ['bought', 'post', 1.6, '',
      'i bought|we bought|i ordered|we ordered|i purchased|we purchased|i paid|we paid|i received|just got my|just received|got my|received my|bought from|ordered from|ordered a|ordered on|i booked|we booked|booked with|i returned|returned the|since i bought|i\'ve been using|been using|been a customer|customer for|loyal customer|member for|member since|years with my|months with my|renewed my|just renewed|got for christmas|got for my birthday|was gifted|i signed up for|signed up for|we stayed|i stayed|stayed at|finally tried|first time trying|i paid for|i pay for|we pay for|i pay|paying for|came in today|finally arrived|arrived today|arrived tuesday|came today'],
    ['order-status', 'post', 1.4, 'u',
      'where is my|where\'s my|wheres my|says delivered|out for delivery|never arrived|never received|never came|hasn\'t arrived|hasn\'t shipped|hasn\'t been shipped|still hasn\'t|still haven\'t|still no|still don\'t have|still not|still waiting|waiting on my|waiting for my|not delivered|wrong address|wrong item|wrong order|wrong size|missing items|missing item|left my package|tracking number|tracking says|no tracking|order number|delivered to|sent to the wrong|lost my|lost package|lost luggage|lost bag|damaged box|arrived damaged|came damaged|came broken|arrived broken|got a small|sent the wrong'],
    ['refund-return', 'post', 1.4, '',
      'refund|refunds|refunded|return|returns|returned|exchange|replacement|warranty|under warranty|money back|chargeback|cancel my order|cancel my subscription|cancel my account|cancel my|cancelled it|canceled it|renewed even|charged twice|double charged|charged me|overcharged|charged|bill|billing|invoice|receipt|statement|my bill|fee|fees|late fee|points|miles|voucher|credit'],
    ['account-problem', 'post', 1.5, 'x',
      'down since|been down|went down|goes down|are down|service down|system down|system is down|systems are down|systems fail|system fail|website is down|site is down|app is down|error msg|error message|error messages|can\'t log in|can\'t login|cannot log in|can\'t sign in|can\'t log into|unable to log in|locked out|logged me out|log in|login|password|reset my password|password reset|verification code|two factor|2fa|account hacked|hacked|account suspended|suspended|froze my account|frozen|deactivated|card declined|declined|payment failed|payment keeps failing|payment declined|saved cards'],
    ['technical-problem', 'post', 1.4, 'x',
      'doesn\'t work|does not work|not working|isn\'t working|stopped working|won\'t work|won\'t charge|won\'t turn on|won\'t load|won\'t open|crash|crashes|crashing|crashed|error|errors|error message|bug|bugs|glitch|glitchy|buggy|broken|broke|keeps failing|failing|failed|outage|down again|is down|site down|website down|app down|no internet|no signal|no service|buffering|lagging|freezes|freezing|frozen screen|flickering|spins forever|keeps spinning|won\'t let me|doesn\'t do anything|after the update|latest update|since the update|disappeared|unusable|keeps dropping|dropped calls|invalid|not loading|blinking'],
    ['product-problem', 'post', 1.3, 'x',
      'issue|issues|problem|problems|trouble|defective|faulty|damaged|smashed|cracked|scratched|ripped|torn|stained|leaks|leaking|leak|soaked|rotten|stale|expired|moldy|mold|dirty|smelled|smells|noise|grinding|crackle|bubbles|fell apart|falling apart|stopped|dead on arrival|missing|wrong|cold food|not happy with|same problem|the same problem|quality control|cheaply made'],
    ['service-problem', 'post', 1.3, 'xu',
      'how much longer|how long do we|how long will|on hold|been on hold|hold for|no response|no reply|no answer|not answering|isn\'t answering|no one|nobody|never showed|never showed up|no show|no updates|no update|no call back|no callback|hung up|transferred|support isn\'t|rude|ignored|ignoring|kept waiting|waited|waiting|long line|long lines|queue|overbooked|oversold|stranded|stuck|rebooking|rebooked|rebook|missed my connection|missed connection|cancelled|canceled|cancelation|cancellation|delayed|delay|delays|late|took the longest|wouldn\'t move|weren\'t told|no explanation|without explanation|didn\'t make it|third time|every single time'],
    ['service-contact', 'post', 1.0, 'u',
      'complaint|complaints|complained|complain|feedback|compensation|compensated|claim|claims|filed a|file a|any update|any updates|another update|an update|no sign of|status update|emailed|sent an email|dm\'d|dmed|sent a dm|sent you a dm|your reply|your response|responded|customer care|call center|call centre|call back|call me back|the phone|phone lines|phone system|reservations desk|reservations line|hotline|help desk|helpline|can\'t get through|cannot get through|couldn\'t get through|hung up|hung on me|don\'t answer|doesn\'t answer|won\'t answer|answer the phone|understaffed|understaffing|abandoned|left us|left me|not what i expected|so difficult|very difficult|difficult'],
    ['help-request', 'post', 0.8, 'c', 'help|help please|any help|some help|assist|assistance'],
    // Talking about a brand's customer service is a customer's topic, neither good nor bad by itself.
    ['service-topic', 'post', 1.0, '', 'customer service|customer support|support team|your support|the support|technician'],
    ['service-encounter', 'post', 0.8, 'c',
      'customer|customers|paying customers|passengers|employee|employees|ground staff|response|canned response|social media team|internet|wifi|wi fi|signal|flight|flights|gate|boarding|board|seat|seats|plane|aircraft|pilot|crew|flight attendant|attendant|luggage|baggage|bag|bags|check in|checked in|layover|connection|tarmac|terminal|room|front desk|hotel|driver|delivery|package|order|staff|agent|rep|representative|barista|waiter|server|manager|cashier|store|shop|support|service|app|website|site|dealership|dentist|stay|ride|vacation|honeymoon'],
    ['usage-help', 'post', 1.2, 'q',
      'how do i change|how do i reset|how do i cancel|how do i return|how do i get the|how do i update|how do i set up|how do i turn|how do i connect|how do i use|how do i fix|how to fix|how to reset|is this normal|can you help|can anyone help|help me|please help|need help|can someone|who do i talk to|talk to someone|speak to someone|a human|fix this|fix it|fix the'],
    // Setting something up is a help request when asked about, a detail of the story otherwise ("setup took 10 minutes").
    ['usage-topic', 'post', 1.0, 'q', 'set up|setup|install|installed|installation|instructions|manual|change the|update my|reset'],
    ['praise', 'post', 1.3, 'r+',
      'love my|loving my|obsessed with my|in love with my|can\'t stop wearing|can\'t stop using|so happy with|happy with my|really happy with|best purchase|worth every penny|five stars|0 star|never misses|will be back|coming back|definitely be back|i recommend|recommend them|so soft|so comfy|comfiest|never been better|still grinning|painless|remembered my|got upgraded|upgraded me'],
    ['resolved', 'post', 1.4, 'r+', 'thanks for fixing|thank you for fixing|thanks for sorting|thank you for sorting|thanks for solving|thanks for replacing|thank you for replacing|fixed the|fixed our|replaced it|replaced my|repaired it|repaired my|fixed my|fixed it|solved my|solved it|sorted out|sorted it|resolved|got it sorted|all sorted|problem solved'],
    ['gratitude', 'post', 1.3, 'r+c',
      'thank you for|thanks for|thanks to|huge thanks|big thanks|shoutout to|shout out to|shoutout|shout out|kudos to|made my day|made everything|took care of|taken care of|went above|above and beyond|great job|great service|amazing service|excellent service|best service|best customer service|great customer service|so helpful|very helpful|so patient|so kind|so nice|lifesaver|life saver|game changer|highly recommend'],
    ['churn-risk', 'post', 1.5, 'hc',
      'never again|never buying|never flying|never ordering|never shopping|never using|never staying|won\'t be back|won\'t be using|won\'t be flying|won\'t be ordering|not coming back|done with|i\'m done|last time i|lost a customer|lost my business|cancelling my|canceling my|cancel my contract|taking my business|going elsewhere|never recommend|this is how you treat|never buy from|never shop at|never fly with'],
    // ── sentiment (no stage; changes the owner) ──────────────────────────────────────────────
    ['thanks', '-', 1, '+c', 'thanks|thank|thank you|thanks again|many thanks|thanks so much|thank you so much|cheers|thankful|grateful'],
    ['positive', '-', 1, '+c',
      'love|loved|loving|luv|great|awesome|amazing|best|excellent|fantastic|wonderful|perfect|appreciate|appreciated|happy|glad|pleased|delighted|thrilled|excited|stoked|proud|impressed|impressive|helpful|friendly|nice|nicest|lovely|smooth|comfortable|pleasant|beautiful|cool|yay|woo|woohoo|hooray|rock|rocks|brilliant|superb|outstanding|exceptional|phenomenal|terrific|fabulous|good job|nice job|well done|stellar|the best|you rock|you guys rock|love you|love it|love this|awesome job|enjoyed|enjoy|enjoying|delicious|fun|gorgeous|cute|soft|incredible|kind|sweet|favorite|favourite|fave|fav|flawless|seamless|easy|easiest|quick|fast|on time|early|safe|classy|courteous|professional|efficient|attentive|accommodating|understanding|generous|reliable|hero|heroes|legend|mvp|rockstar|rockstars|saved|bravo|kudos|blessed|on point|goodness|wow moment|best airline|highly|good|looking forward|look forward|compliment|compliments|deserves a raise|big ups|props to|funny|hilarious|superior|loyal|earned my business|delight|delightful|pleasure|a pleasure|no problem|no problems|no issue|no issues|never had an issue|never had a problem|zero issues|without a problem|without issue|no complaints|smile|smiles|killing it|killed it|crushing it|nailed it|slaps|slay|slayed|dope|never disappoints|never disappoint|well deserved|top notch|chef\'s kiss|changed my life'],
    ['negative', '-', 1, '-c',
      'worst|terrible|horrible|awful|ridiculous|unacceptable|inexcusable|disappointed|disappointing|disappointment|frustrated|frustrating|frustration|annoyed|annoying|aggravating|aggravated|irritated|irritating|angry|furious|pathetic|useless|unhelpful|not helpful|no help|fail|fails|epic fail|joke|a joke|sucks|suck|hate|hated|poor|poorest|poorly|bad|worse|ugh|argh|wtf|ffs|fml|seriously|smh|nightmare|mess|disaster|fiasco|chaos|shambles|incompetent|incompetence|clueless|unprofessional|disgrace|shame|lousy|not impressed|not happy|unhappy|upset|pissed|livid|fed up|sick of|tired of|rip off|ripoff|scam|waste|wasted|waste of|why|lame|absurd|insane|unbelievable|embarrassing|horrendous|atrocious|dreadful|miserable|mediocre|subpar|impossible|garbage|trash|crap|hell|not ok|not okay|not cool|not good|not acceptable|come on|how hard is it|get it together|inconvenient|inconvenience|nasty|gross|sad|slow|slowest|cramped|uncomfortable|lied|lie|lying|misleading|confused|confusing|forced|refused|denied|rudely|ignorant|hopeless|pointless|canned response|vague|robotic|excuse|excuses|unresponsive|hang up|give up|gave up|never once|not once|zero|no one cares|doesn\'t care|don\'t care|overpriced|expensive|apparently|supposed to|what gives|what\'s going on|what is going on|what happened|whats up with|what\'s up with|stinks|lost you|lost my business|less than helpful|cancelled flightled|generic response|computer generated|disgraceful|drop the ball|dropped the ball|screw over|screwed over|screwed|give a damn|greed|typical|crappy|expected more|hot mess|uggh|unreliable|never again'],
    ['sarcasm', '-', 1, '', 'love that for me|love how|love that i|thanks for nothing|great job guys|good job guys|as always|yet again|so much for|oh great|just great|what a joke|way to go|thanks a lot for|really express'],
    ['urgency', '-', 0.5, 'u',
      'urgent|urgently|asap|immediately|right now|emergency|tonight|need it by|as soon as possible|hurry|hours|days|weeks'],
    // ── reputation risk and the press (no stage; weight goes to PR) ──────────────────────────
    ['legal-threat', '-', 2, 'p',
      'lawyer|lawyers|attorney|lawsuit|sue|suing|sued|legal action|small claims|court|bbb|better business bureau|consumer protection|report you|reporting you|class action|ftc|trading standards|ombudsman|regulator'],
    ['boycott', '-', 2, 'p', 'boycott|boycotting|stop shopping|stop buying|don\'t shop|do not shop|don\'t buy from|never support'],
    ['going-public', '-', 1.6, 'p',
      'local news|on the news|news station|tell everyone|everyone will hear|share this|please share|posting this everywhere|going viral|spread the word|retweet this|make this viral|the whole world'],
    ['press-threat', '-', 2, 'p', 'going to the press|go to the press|going to the media|contact the media|contacting the media|contact the news|calling the news|tell the press|talking to the press|talk to the press'],
    ['conduct-outrage', '-', 1.5, 'p',
      'racist|racism|racial|sexist|sexism|homophobic|transphobic|discrimination|discriminated|discriminating|refused to serve|treated like a criminal|profiling|harassed|harassment|assaulted|abuse|abusive|unethical|greenwash|greenwashing|exploit|exploiting|exploitation|child labor|sweatshop|factory workers|pay their workers|fired a|laid off|laughed at|mocked|humiliated|because of her|because of his|because of my|because i\'m|shame on you|shameful|corrupt|cover up|fraud|fraudulent|stole|stealing|took our money'],
    ['conduct-outrage', '-', 0.9, 'p-', 'disgusted|disgusting|shocked|shocking|appalled|appalling|outrageous|outraged'],
    ['safety-risk', '-', 2, 'p',
      'safety hazard|injured|injury|injuries|got burned|got burnt|burned my|burnt my|burned her|burned his|burned him|burned me|severe burns|burns on|caught fire|fire hazard|burst into flames|exploded|explode|electrocuted|choking|poisoning|food poisoning|poisoned|allergic reaction|glass in|metal fragments|recall|recalled|could have killed|toxic|contaminated|data breach|leaked data|mold in|bug in my|hair in my'],
    ['safety-risk', '-', 1, 'p', 'dangerous|unsafe|hazard|hospital|nearly killed|almost killed|killed someone|someone died|nearly died|almost died|could have died|deployed|children eat|kids eat|breach|safety|fragments|found a piece'],
    ['press', '-', 2, 'm',
      'journalist|reporter|editor|press inquiry|media inquiry|for a story|working on a story|writing a story|writing an article|for comment|for a comment|request for comment|press release|press office'],
    ['creator', '-', 2, 'm',
      'blogger|vlogger|influencer|content creator|creator here|youtuber|podcaster|collab|collaboration|partnership|partnerships|sponsorship opportunity|sponsor us|sponsor me|pr package|press kit|media kit|0k followers|0k subscribers|my channel|my audience|feature your|review your product|review your products|review your new'],
    ['neutral', '-', 0, '', 'insult to injury|food court|deal with|dealing with|to deal with|a great deal of|dream job|dream jobs|wet dream|american dream|sweet dreams|red eye|change my mind|changed my mind|phone died|battery died|at this point|to the point|the point|point is|that\'s why|thats why|which is why|fingers crossed|noise cancelling|noise canceling|noise cancellation|news|good news|bad news'],
    // ── everyday chatter: pulls towards none ─────────────────────────────────────────────────
    ['chatter', '-', 1, 'z',
      'birthday|bday|happy birthday|happy friday|happy monday|happy new year|merry christmas|congrats|congratulations|good luck|good morning|good night|rip|throwback|tbt|vibes|mood|meme|memes|lol|lmao|hot take|fun fact|breaking|reports|shares|stock|stocks|earnings|quarterly|revenue|analysts|acquire|acquisition|ceo|announces|according to|per the|hiring|trailer|episode|podcast|the game|concert|weather|forecast|traffic|sunset|my cat|my dog|followers|link in bio|giveaway|contest|rt to win|retweet if|tag 0 friends|who else|is it just me|nobody|remember when']
  ],
};
