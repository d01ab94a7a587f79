// Every UI string, in Korean and English, in one table (STATELAB_UI_STRINGS below): views ask for
// Tr(S::Id, lang). Lesson text is not here: it comes from lessons/*.json (sim::Text::In).
// Entries with printf conversions must use the same conversions in both languages (a test checks).
// English words that agree with a count are written {one|other}: Fmt keeps "one" when the number
// just before it reads 1 ("%llu {cart|carts} lost" gives "1 cart lost", "2 carts lost").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "statelab/lesson.h"

// X(id, ko, en)
#define STATELAB_UI_STRINGS(X)                                                                     \
  /* Top bar */                                                                                    \
  X(AppTitle, "Stateful Web Lab", "Stateful Web Lab")                                              \
  X(AppSubtitle, "MyClothes.com으로 배우는 상태 저장 웹 앱", "Stateful web apps, told through MyClothes.com") \
  X(Lesson, "레슨", "Lesson")                                                                      \
  X(Lessons, "레슨 목록", "Lessons")                                                               \
  X(Play, "재생", "Play")                                                                          \
  X(Pause, "일시정지", "Pause")                                                                    \
  X(StepOnce, "한 단계", "Step")                                                                   \
  X(StepOnceTip, "시뮬레이션을 1초 진행합니다", "Advance the simulation by one second")            \
  X(Speed, "속도", "Speed")                                                                        \
  X(FastForward, "빨리 감기", "Fast-forward")                                                      \
  X(FastForward1m, "+1분", "+1 min")                                                               \
  X(FastForward10m, "+10분", "+10 min")                                                            \
  X(FastForward1h, "+1시간", "+1 hour")                                                            \
  X(FastForwardTip, "시뮬레이션 시간을 건너뜁니다. 화면은 계속 반응합니다.", "Skip ahead in simulated time; the page stays responsive.") \
  X(FastForwarding, "빨리 감는 중", "Fast-forwarding")                                             \
  X(Cancel, "취소", "Cancel")                                                                      \
  X(Reset, "초기화", "Reset")                                                                      \
  X(ResetTip, "이 단계를 처음 상태로 되돌립니다 (같은 시드)", "Start this step over from a fresh stack (same seed)") \
  X(Seed, "시드", "Seed")                                                                          \
  X(SeedTip, "같은 시드는 같은 실행을 그대로 재현합니다. 값을 바꾸고 Enter를 누르세요.", "The same seed replays the same run exactly. Edit it and press Enter.") \
  X(NewSeed, "새 시드", "New seed")                                                                \
  X(SimTime, "시뮬레이션 시간", "Simulated time")                                                  \
  X(TimelineLive, "실시간", "Live")                                                                \
  X(TimelineRewound, "되감기", "Rewound")                                                          \
  X(TimelineBackToLive, "실시간으로", "Back to live")                                              \
  X(TimelineHelp, "이 단계의 지난 시점으로 되감습니다(샌드박스는 실행 전체). 재생하면 그때 바꾼 설정과 일으킨 장애가 그대로 다시 일어나고, 되감은 시점에서 무언가를 바꾸면 새 갈래가 시작됩니다. 쉼표(,)와 마침표(.)로 1초씩, Shift와 함께 누르면 10초씩 움직이고, Home은 단계의 처음으로, End는 실시간으로 갑니다.", "Rewind to an earlier moment of this step (in the sandbox, of the whole run). Play goes on with what you did then; a change made while rewound starts a new branch. Comma (,) and period (.) move by a second, with Shift by ten; Home goes to the step's start, End to live.") \
  X(MarkSetting, "설정 변경: %s", "Setting: %s")                                                   \
  X(MarkStep, "%d단계 시작: %s", "Step %d: %s")                                                    \
  X(MarkGoalMet, "목표 달성: %s", "Goal met: %s")                                                  \
  X(MarkGoalFailed, "목표 실패: %s", "Goal failed: %s")                                            \
  X(ShareButton, "공유", "Share")                                                                  \
  X(ShareTitle, "이 실행 공유", "Share this run")                                                   \
  X(ShareHelp, "링크에는 레슨, 단계, 시드, 그리고 바꾼 설정과 일으킨 장애가 그 시각과 함께 들어 있습니다. 링크를 열면 지금 보이는 시점까지 똑같이 다시 실행됩니다.", "The link holds the lesson, the step, the seed, and every change and fault with its time. Opening it replays the run to exactly the moment shown now.") \
  X(ShareCopy, "복사", "Copy")                                                                     \
  X(CopySeed, "시드 복사", "Copy seed")                                                            \
  X(PasteLink, "링크나 시드 붙여넣기", "Paste a link or seed")                                      \
  X(PasteHelp, "앱 어디서든 Ctrl+V로도 붙여 넣을 수 있습니다.", "Ctrl+V anywhere in the app pastes too.") \
  X(CopyTrace, "이 요청 기록 복사", "Copy this request's trace")                                    \
  X(CopyNotice, "복사", "Copy")                                                                    \
  X(AnnounceCopied, "클립보드에 복사했습니다.", "Copied to the clipboard.")                         \
  X(NoticeCopyRefused, "브라우저가 클립보드에 쓰는 것을 허용하지 않았습니다. 링크를 선택해 직접 복사하세요(Ctrl+C).", "The browser did not allow writing to the clipboard. Select the link and copy it yourself (Ctrl+C).") \
  X(NoticePasteRefused, "브라우저가 클립보드를 읽는 것을 허용하지 않았습니다. 앱을 클릭한 뒤 Ctrl+V로 붙여 넣으세요.", "The browser did not allow reading the clipboard. Click the app and press Ctrl+V to paste.") \
  X(NoticeNotALink, "붙여 넣은 내용은 Stateful Web Lab 링크도 시드도 아닙니다. 아무것도 바꾸지 않았습니다.", "What was pasted is neither a Stateful Web Lab link nor a seed. Nothing was changed.") \
  X(NoticeLinkNotOpened, "이 링크는 열지 않았습니다. 진행 상황은 그대로입니다. %s", "This link was not opened; your progress is unchanged. %s") \
  X(NoticeLinkBadStep, "링크가 레슨에 없는 단계를 가리킵니다.", "The link names a step the lesson does not have.") \
  X(NoticeLinkUnknownLesson, "링크가 가리키는 레슨 '%s'이(가) 없습니다.", "The link names a lesson '%s' that does not exist.") \
  X(NoticeScenarioLink, "시나리오 실행 링크입니다. statelab-sim --replay로 여세요.", "This is a link to a scenario run; open it with statelab-sim --replay.") \
  X(Lagging, "이 기기에서는 선택한 속도를 따라가지 못해 더 느리게 실행 중입니다", "This device cannot keep up with the chosen speed; running slower") \
  X(Language, "언어", "Language")                                                                  \
  /* Lesson panel */                                                                               \
  X(StepOf, "단계 %d / %d", "Step %d of %d")                                                       \
  X(Task, "할 일", "Your task")                                                                    \
  X(Goals, "목표", "Goals")                                                                        \
  X(NoGoals, "이 단계에는 목표가 없습니다. 자유롭게 실험해 보세요.", "This step has no goals: experiment freely.") \
  X(Hints, "힌트", "Hints")                                                                        \
  X(ShowHint, "힌트 보기", "Show a hint")                                                          \
  X(NextHint, "다음 힌트", "Next hint")                                                            \
  X(PrevStep, "이전 단계", "Previous step")                                                        \
  X(NextStep, "다음 단계", "Next step")                                                            \
  X(FinishLesson, "레슨 마치기", "Finish lesson")                                                  \
  X(RestartLesson, "레슨 다시 시작", "Restart lesson")                                             \
  X(StepPassed, "단계 완료! 다음 단계로 넘어가세요.", "Step complete! Go on to the next step.")    \
  X(StepFailedMsg, "이 단계의 목표를 더 이상 달성할 수 없습니다. 초기화해서 다시 해 보세요.", "A goal of this step can no longer be met. Reset the step and try again.") \
  X(LessonDone, "레슨 완료!", "Lesson complete!")                                                  \
  X(Completed, "완료", "Done")                                                                     \
  X(InProgress, "진행 중", "In progress")                                                          \
  X(Sandbox, "샌드박스", "Sandbox")                                                                \
  X(Graded, "평가", "Graded")                                                                      \
  X(Predict, "먼저 예측해 보세요", "Predict first")                                                \
  X(Quiz, "퀴즈", "Quiz")                                                                          \
  X(PredictBlocked, "예측을 고르면 시뮬레이션이 실행됩니다", "Choose a prediction to run the simulation") \
  X(Correct, "정답입니다.", "Correct.")                                                            \
  X(Incorrect, "아쉽지만 틀렸습니다.", "Not quite.")                                               \
  X(YourPrediction, "내 예측", "Your prediction")                                                  \
  X(GoalPending, "대기", "Pending")                                                                \
  X(GoalPassing, "유지 중", "Holding")                                                             \
  X(GoalMet, "달성", "Met")                                                                        \
  X(GoalFailed, "실패", "Failed")                                                                  \
  X(GoalNow, "현재 %s", "now %s")                                                                  \
  X(LessonErrors, "불러오지 못한 레슨 파일", "Lesson files that could not be loaded")              \
  X(NoLessons, "레슨을 찾을 수 없습니다. 데이터 폴더를 확인하세요.", "No lessons found. Check the data folder.") \
  X(StepProgress, "단계 진행", "Step progress")                                                    \
  X(GradePoints, "등급 %s (%u점 / 만점 %u점)", "Grade %s (%u/%u {point|points})")                           \
  X(GradeOnTrack, "진행 중: 목표 %u/%u개 유지", "on track (%u/%u holding)")                        \
  X(GradeInList, "등급 %s", "grade %s")                                                           \
  X(WrongAttempt, "알려진 오답 설계입니다", "A known wrong design")                                  \
  X(Sources, "출처", "Sources")                                                                    \
  X(SourceChecked, "%s 확인", "checked %s")                                                        \
  X(Terms, "용어", "Terms")                                                                        \
  /* Right panel */                                                                                \
  X(TabKnobs, "설정과 장애", "Knobs & faults")                                                     \
  X(TabInspector, "검사기", "Inspector")                                                         \
  X(Knobs, "설정", "Knobs")                                                                        \
  X(Faults, "장애 주입", "Faults")                                                                 \
  X(NoControls, "이 단계에서는 바꿀 설정이 없습니다. 관찰해 보세요.", "Nothing to change in this step: just watch.") \
  X(Stickiness, "고정 세션", "Stickiness")                                      \
  X(StickinessTip, "로드 밸런서가 AWSALB 쿠키로 같은 쇼핑객을 같은 인스턴스로 보냅니다", "The load balancer sends a shopper back to the same instance using the AWSALB cookie") \
  X(StickyDuration, "쿠키 유지 시간", "Cookie duration")                                           \
  X(Routing, "라우팅 알고리즘", "Routing algorithm")                                              \
  X(RoundRobin, "라운드 로빈", "Round robin")                                                      \
  X(LeastOutstanding, "미처리 요청 최소", "Least outstanding requests")                            \
  X(SessionStrategy, "세션 저장 방식", "Session strategy")                                      \
  X(StrategyInstance, "인스턴스 메모리", "Instance memory")                                        \
  X(StrategyCookie, "클라이언트 쿠키", "Client cookie")                                         \
  X(StrategyServer, "서버 세션", "Server session")                               \
  X(SessionStoreLabel, "세션 저장소", "Session store")                                             \
  X(CookieSigning, "쿠키 서명 (HMAC)", "Sign the cookie (HMAC)")                                   \
  X(CookieSigningTip, "서명이 없으면 쇼핑객이 장바구니 쿠키를 고쳐도 서버가 믿습니다", "Without a signature the server trusts a cart cookie the shopper edited") \
  X(CacheMode, "캐시 모드", "Cache mode")                                                          \
  X(CacheNone, "사용 안 함", "None")                                                               \
  X(CacheLazy, "지연 로딩", "Lazy loading")                                                        \
  X(CacheWriteThrough, "쓰기 시 갱신", "Write-through")                                            \
  X(InvalidateOnWrite, "쓸 때", "On write")                                                        \
  X(InvalidateTtlOnly, "TTL만", "TTL only")                                                        \
  X(CacheTtl, "캐시 TTL", "Cache TTL")                                                             \
  X(CacheInvalidation, "캐시 무효화", "Invalidation")                               \
  X(ReplicaCount, "읽기 전용 복제본", "Read replicas")                                             \
  X(ReplicaLagBase, "기본 복제 지연", "Base replica lag")                                          \
  X(ReadRoutingLabel, "읽기 라우팅", "Read routing")                                               \
  X(ReadSpread, "기본 + 복제본에 분산", "Spread over primary + replicas")                            \
  X(ReadReplicasOnly, "복제본만", "Replicas only")                                                 \
  X(ReadPrimaryOnly, "기본 인스턴스만", "Primary only")                                              \
  X(RdsMultiAz, "RDS Multi-AZ (대기 인스턴스)", "RDS Multi-AZ (standby)")                           \
  X(CacheMultiAz, "ElastiCache Multi-AZ", "ElastiCache Multi-AZ")                                   \
  X(AsgCapacity, "오토 스케일링 그룹 원하는 용량", "Auto scaling group desired capacity")          \
  X(HealthCheckSetting, "상태 확인 설정", "Health checks")                                        \
  X(IdleTimeoutSetting, "세션 유휴 시간 제한", "Session idle timeout")                              \
  X(LaunchDelaySetting, "인스턴스 시작 시간", "Instance launch delay")                              \
  X(ThinkTimeSetting, "쇼핑객이 요청 사이에 머무는 시간", "Shoppers' time between requests")      \
  X(BehaviourMixSetting, "쇼핑객 행동 비율", "What shoppers do (mix)")                              \
  X(GiveUpSetting, "장바구니를 잃고 떠나는 쇼핑객 비율", "Shoppers who leave after a lost cart")    \
  X(TargetTracking, "CPU 대상 추적 조정", "Target tracking on CPU")                            \
  X(Shoppers, "쇼핑객", "Shoppers")                                                                \
  X(ShopperCount, "동시 접속 쇼핑객 수", "Concurrent shoppers")                                    \
  X(ShopperCountFormat, "%d명", "%d shoppers")                                                     \
  X(SecurityGroups, "보안 그룹", "Security groups")                                                \
  X(InboundRules, "인바운드 규칙", "Inbound rules")                                                \
  X(NoRules, "규칙 없음: 모든 연결 거부", "No rules: every connection is denied")                  \
  X(RemoveRule, "삭제", "Remove")                                                                  \
  X(AddRule, "규칙 추가", "Add a rule")                                                            \
  X(FromSg, "%s에서", "from %s")                                                                   \
  X(Terminate, "인스턴스 종료", "Terminate")                                                                \
  X(TerminateInstance, "인스턴스 종료", "Terminate an instance")                                   \
  X(FailAz, "AZ 장애", "Fail an AZ")                                                               \
  X(RestoreAz, "복구", "Restore")                                                                  \
  X(FailCache, "캐시 기본 노드 장애", "Fail the cache primary")                                      \
  X(RestoreCache, "캐시 복구", "Restore the cache")                                                \
  X(FailRds, "RDS 기본 인스턴스 장애", "Fail the RDS primary")                                       \
  X(RestoreRds, "RDS 복구", "Restore RDS")                                                         \
  X(TrafficSpike, "트래픽 급증 (5분간 3배)", "Traffic spike (3x for 5 min)")                      \
  X(ReplicaLag, "복제 지연 주입 (30초)", "Inject replica lag (30 s)")                              \
  X(PromoteReplica, "읽기 전용 복제본 승격", "Promote a read replica")                              \
  X(Attacker, "외부에서 직접 접속 시도", "Connect from the internet")                              \
  X(ShopperActions, "앨리스로 직접 해 보기", "Act as Alice")                                       \
  X(AddTshirt, "티셔츠 담기", "Add a T-shirt")                                                     \
  X(ViewCart, "장바구니 보기", "View cart")                                                        \
  X(Checkout, "결제", "Check out")                                                                 \
  X(NewVisit, "새 브라우저", "Fresh browser")                                                      \
  /* Inspector */                                                                                  \
  X(InspectHint, "다이어그램에서 항목을 클릭하면 여기에서 자세히 볼 수 있습니다. 앨리스 같은 이름 있는 쇼핑객은 아래 목록에 있습니다.", "Click anything in the diagram to inspect it here. Named shoppers such as Alice are listed below.") \
  X(State, "상태", "State")                                                                        \
  X(Az, "AZ", "AZ")                                                                                \
  X(Ip, "IP", "IP")                                                                                \
  X(Cpu, "CPU", "CPU")                                                                             \
  X(Requests, "요청", "Requests")                                                                  \
  X(SessionsInMemory, "메모리의 세션", "Sessions in memory")                                       \
  X(Sessions, "세션", "Sessions")                                                                  \
  X(OrphanSessions, "주인 잃은 세션", "Orphaned sessions")                                         \
  X(CartsHere, "장바구니가 있는 세션", "Sessions with a cart")                                     \
  X(HealthCheck, "상태 확인 (성공/실패)", "Health checks (pass/fail)")                             \
  X(LbHealthy, "로드 밸런서 판단", "Load balancer's view")                                         \
  X(Healthy, "정상", "Healthy")                                                                    \
  X(UnhealthyWord, "비정상", "Unhealthy")                                                          \
  X(Launched, "시작 시각", "Launched")                                                             \
  X(InDns, "DNS 응답에 포함", "In DNS answers")                                                    \
  X(Yes, "예", "yes")                                                                              \
  X(No, "아니요", "no")                                                                            \
  X(Up, "동작", "up")                                                                              \
  X(Down, "중단", "down")                                                                          \
  X(NotDeployed, "배포 안 됨", "not deployed")                                                     \
  X(CacheKeys, "캐시 키", "Cache keys")                                                            \
  X(Key, "키", "Key")                                                                              \
  X(Ttl, "남은 TTL", "TTL left")                                                                   \
  X(StaleKey, "오래됨", "stale")                                                                   \
  X(SessionKeys, "세션 키", "Session keys")                                                        \
  X(UserKeys, "사용자 데이터 키", "User data keys")                                                \
  X(GetsSets, "GET / SET", "GETs / SETs")                                                          \
  X(Nodes, "노드", "Nodes")                                                                        \
  X(Primary, "기본", "primary")                                                                    \
  X(SingleNode, "단일 노드", "single node")                                                        \
  X(NodeDown, "중단된 노드", "node down")                                                          \
  X(ReplicaWord, "복제본", "replica")                                                              \
  X(Role, "역할", "Role")                                                                          \
  X(Lag, "복제 지연", "Replica lag")                                                               \
  X(ReadsWrites, "읽기 / 쓰기", "Reads / writes")                                                  \
  X(CommittedWrites, "커밋된 쓰기", "Committed writes")                                            \
  X(WritesLost, "잃어버린 쓰기", "Writes lost")                                                    \
  X(SessionsStored, "저장된 세션", "Sessions stored")                                              \
  X(DynamoNote, "리전 서비스: 여러 AZ에 자동 복제", "A regional service, replicated across multiple AZs") \
  X(CookieJar, "쿠키 저장소", "Cookie jar")                                                        \
  X(CookieBytes, "장바구니 쿠키 %u / 4096바이트 (쿠키 하나의 한도)", "Cart cookie %u / 4096 bytes (the limit per cookie)") \
  X(CookieHeaderBytes, "Cookie 헤더 전체 %u바이트", "The whole Cookie header: %u {byte|bytes}")            \
  X(CookieOverLimit, "4096바이트를 넘는 Set-Cookie는 브라우저가 버립니다", "Browsers ignore a Set-Cookie over 4096 bytes") \
  X(Cart, "장바구니", "Cart")                                                                      \
  X(CartExpected, "쇼핑객이 담은 것", "What the shopper put in")                                     \
  X(CartStored, "사이트가 보관한 것", "What the site keeps")                                       \
  X(EmptyCart, "(비어 있음)", "(empty)")                                                           \
  X(Tamper, "쿠키 변조 (개발자 도구)", "Tamper with the cookie (dev tools)")                       \
  X(TamperLower, "가격 낮추기", "Lower the prices")                                                \
  X(TamperFree, "공짜 상품 끼워 넣기", "Add a free item")                                          \
  X(TamperGuessSession, "세션 ID 바꿔치기", "Swap in a guessed session ID")                        \
  X(TerminationQueued, "종료 예정: 다음 틱에 종료됩니다", "Terminating at the next tick")          \
  X(TamperNeedsCookie, "장바구니가 쿠키에 있을 때만 변조할 수 있습니다", "Only a cart kept in a cookie can be tampered with") \
  X(ShopperStatsLine, "요청 %u · 오류 %u · 장바구니 분실 %u", "requests %u · errors %u · carts lost %u")          \
  X(PickShopper, "쇼핑객 고르기", "Pick a shopper")                                                \
  X(FollowRandom, "아무 쇼핑객이나 따라가기", "Follow a random shopper")                           \
  X(Unfollow, "따라가기 중단", "Stop following")                                                   \
  X(FollowShopper, "이 쇼핑객의 요청 모두 기록", "Trace all of this shopper's requests")             \
  X(Following, "따라가는 중", "Following")                                                         \
  X(RecentRequests, "최근 요청", "Recent requests")                                                \
  X(FollowRequest, "이 요청 따라가기", "Follow this request")                                      \
  X(TraceGone, "이 요청의 기록은 이미 지워졌습니다 (최근 요청만 보관).", "This request's trace has been overwritten (only recent ones are kept).") \
  X(Hop, "구간", "Hop")                                                                            \
  X(Result, "결과", "Result")                                                                      \
  X(Latency, "지연", "Latency")                                                                    \
  X(Total, "합계", "Total")                                                                        \
  X(RequestTitle, "요청 #%llu · %s", "Request #%llu · %s")                                         \
  X(SgEvaluation, "보안 그룹 평가", "Security group evaluation")                                   \
  X(SgDeniedBy, "%s에서 거부: %s의 %u 포트 접속을 허용하는 규칙이 없습니다", "denied by %s: no rule allows %s on port %u") \
  X(SgAllowedBy, "%s의 규칙 %s로 허용", "allowed by %s rule %s")                                   \
  X(RuleMatches, "일치", "matches")                                                                \
  X(RuleNoMatch, "불일치", "no match")                                                             \
  X(FilterAll, "전체", "All")                                                                      \
  X(FilterErrors, "오류", "Errors")                                                                \
  X(FilterLost, "장바구니 분실", "Lost carts")                                                     \
  X(FilterDenied, "거부", "Denied")                                                                \
  X(NoTraces, "아직 요청이 없습니다. 재생을 눌러 보세요.", "No requests yet. Press Play.")         \
  X(Back, "뒤로", "Back")                                                                          \
  X(ScriptedShoppers, "이름 있는 쇼핑객", "Named shoppers")                                        \
  X(AttackResult, "마지막 공격 시도", "Last attack attempt")                                       \
  /* Diagram */                                                                                    \
  X(Internet, "인터넷", "Internet")                                                                \
  X(ClientTier, "클라이언트 계층", "Client tier")                                                  \
  X(WebTier, "웹 계층", "Web tier")                                                                \
  X(DatabaseTier, "데이터베이스 계층", "Database tier")                                            \
  X(ShoppersActive, "쇼핑객 %u명", "%u {shopper|shoppers}")                                                  \
  X(LoadBalancer, "로드 밸런서", "Load balancer")                                                  \
  X(AzDown, "AZ 장애", "AZ down")                                                                  \
  X(RegionalServices, "리전 서비스", "Regional")                                                   \
  X(Idle, "사용 안 함", "idle")                                                                    \
  X(Standby, "대기", "standby")                                                                    \
  X(Failed, "장애", "failed")                                                                      \
  X(FailingOver, "장애 조치 중", "failing over")                                                   \
  X(LegendOk, "정상", "ok")                                                                        \
  X(LegendStale, "오래된 읽기", "stale read")                                                      \
  X(LegendLost, "장바구니 분실", "cart lost")                                                      \
  X(LegendDenied, "보안 그룹 거부", "denied by SG")                                                \
  X(LegendError, "오류", "error")                                                                  \
  X(ClickToInspect, "클릭해서 살펴보기", "Click to inspect")                                       \
  X(DiagramEmpty, "레슨을 고르면 아키텍처가 여기에 그려집니다", "Pick a lesson to see the architecture here") \
  X(InstancesCount, "인스턴스 %u대", "%u {instance|instances}")                                               \
  /* Metrics and events */                                                                         \
  X(Metrics, "지표", "Metrics")                                                                    \
  X(ChartRequests, "초당 요청 / 오류", "Requests / errors per second")                            \
  X(ChartLatency, "지연 시간 p50 · p95 · p99", "Latency p50 · p95 · p99")                          \
  X(ChartProblems, "초당 문제", "Problems per second")                               \
  X(ChartDbCpu, "DB CPU (노드별)", "DB CPU per node")                                              \
  X(ChartRevenueLost, "잃은 매출 (누적)", "Revenue lost (total)")                                   \
  X(ChartBytes, "평균 요청 크기", "Mean request size")                                             \
  X(LineRequests, "요청", "requests")                                                              \
  X(LineErrors, "오류", "errors")                                                                  \
  X(LineCartsLost, "분실", "lost")                                                                 \
  X(LineStale, "오래됨", "stale")                                                                  \
  X(LineAngry, "화남", "angry")                                                                    \
  X(LineRequestBytes, "요청", "request")                                                           \
  X(LineCookieBytes, "쿠키", "cookie")                                                             \
  X(ChartCacheHit, "캐시 적중률", "Cache hit ratio")                                               \
  X(ChartReplicaLag, "최대 복제 지연", "Replica lag (max)")                                        \
  X(NoData, "데이터 없음", "no data")                                                              \
  X(Events, "이벤트 로그", "Event log")                                                            \
  X(ImportantOnly, "중요한 것만", "Important only")                                                \
  X(NoEvents, "아직 이벤트가 없습니다.", "No events yet.")                                         \
  X(TotalsLine, "요청 %llu · 오류 %llu · 장바구니 분실 %llu · 화난 쇼핑객 %llu · 잃은 매출 %s", "requests %llu · errors %llu · carts lost %llu · angry shoppers %llu · revenue lost %s") \
  /* Comparing two runs */                                                                        \
  X(CompareStart, "비교하기", "Compare")                                                           \
  X(CompareStartTip, "지금 실행을 둘로 나눕니다. A는 지금 설정 그대로 가고, B는 여기서부터 바꾸는 설정을 따릅니다. 장애는 양쪽에 똑같이 일어납니다.", "Split the run in two here: A keeps the current settings, B takes the changes you make from now on. Faults strike both.") \
  X(CompareBranch, "이전 갈래와 비교", "Compare with the earlier branch")                          \
  X(CompareBranchTip, "되감은 뒤 바꾸기 전의 갈래를 지금 시점까지 재생해 이 갈래 옆에 놓습니다.", "Plays the branch from before your change to this moment and sets it beside this one.") \
  X(CompareStop, "비교 끝내기", "Stop comparing")                                                  \
  X(CompareForkA, "A: 그대로", "A: as it was")                                                     \
  X(CompareForkB, "B: 바꾼 설정", "B: your change")                                                \
  X(CompareBranchA, "A: 이전 갈래", "A: earlier branch")                                           \
  X(CompareBranchB, "B: 지금 갈래", "B: this branch")                                              \
  X(CompareShowA, "A 보기", "Show A")                                                              \
  X(CompareShowB, "B 보기", "Show B")                                                              \
  X(CompareRow, "%s %s 대 %s", "%s %s vs %s")                                                      \
  X(CompareSince, "차이", "Difference")                                                \
  X(SumCartsLost, "장바구니 분실", "carts lost")                                                   \
  X(SumP99, "p99", "p99")                                                                          \
  X(SumErrors, "오류", "errors")                                                                   \
  X(SumRevenueLost, "잃은 매출", "revenue lost")                                                   \
  X(SumVcpuHours, "vCPU 시간", "vCPU-hours")                                                       \
  X(SumSessionsLost, "잃은 세션", "sessions lost")                                                 \
  X(SumDbReads, "RDS 읽기", "RDS reads")                                                           \
  X(SumDbCpu, "DB CPU", "DB CPU")                                                                  \
  X(SumCacheHits, "캐시 적중", "cache hits")                                                       \
  X(SumStaleReads, "오래된 읽기", "stale reads")                                                   \
  X(SumAddressesLost, "잃은 주소", "addresses lost")                                               \
  X(SumOrders, "주문", "orders")                                                                   \
  /* Narrow layout tabs */                                                                         \
  X(TabLesson, "레슨", "Lesson")                                                                   \
  X(TabControls, "설정", "Controls")                                                               \
  X(TabMetrics, "지표", "Metrics")                                                                 \
  /* Notices */                                                                                    \
  X(NoticeLinkPartsDropped, "링크(#…)에서 읽을 수 없는 부분은 건너뛰고 나머지를 엽니다: %s", "Parts of the link (#…) could not be read and were skipped; the rest is opened: %s") \
  X(NoticeLinkTooLong, "링크(#…)가 너무 길어(8192바이트 초과) 읽지 않았습니다. 마지막으로 보던 곳을 엽니다.", "The link (#…) is too long (over 8192 bytes) and was not read; the tutorial opens where you last were.") \
  X(UrlTooLong, "링크가 8192바이트보다 길어 전부 건너뛰었습니다", "the link is longer than 8192 bytes, so none of it was read") \
  X(UrlNotKeyValue, "'이름=값' 형식이 아닙니다", "not in the form name=value")                 \
  X(UrlBrokenEscape, "퍼센트 기호 뒤에는 16진수 두 자리가 와야 합니다", "a percent sign must be followed by two hex digits") \
  X(UrlBadLesson, "레슨 ID는 영문 소문자, 숫자, '-'로만 씁니다", "a lesson id uses only a-z, 0-9 and '-'") \
  X(UrlBadStep, "단계는 0부터 999까지의 정수입니다", "a step is a whole number from 0 to 999")     \
  X(UrlBadSeed, "시드는 0부터 18446744073709551615까지의 정수입니다", "a seed is a whole number from 0 to 18446744073709551615") \
  X(UrlUnknownKey, "알 수 없는 항목입니다(lesson, step, seed, run만 씁니다)", "unknown (a link has only lesson, step, seed and run)") \
  X(UrlBadRun, "공유된 실행 기록이 손상되었거나 잘려 있어 다시 재생할 수 없습니다. 저장된 내용은 바뀌지 않았습니다", "the shared run is damaged or cut short, so it cannot be replayed; nothing saved was changed") \
  X(UrlNewerRun, "더 새로운 버전의 실습에서 만든 실행 기록이라 이 버전에서는 재생할 수 없습니다. 저장된 내용은 바뀌지 않았습니다", "the shared run was made by a newer version of the lab and cannot be replayed here; nothing saved was changed") \
  X(NoticeUnknownLesson, "링크가 가리키는 레슨 '%s'이(가) 없어 첫 레슨을 엽니다.", "The link names a lesson '%s' that does not exist; opening the first lesson.") \
  X(NoticeBadStep, "링크의 단계 번호가 범위를 벗어나 첫 단계를 엽니다.", "The link's step number is out of range; opening the first step.") \
  X(NoticeCorruptSave, "저장된 진행 상황을 읽을 수 없어 새로 시작합니다. 이전 파일은 백업해 두었습니다: %s", "Your saved progress could not be read, so the tutorial starts fresh. The old save was kept as a backup: %s") \
  X(NoticeSaveFailed, "진행 상황을 저장하지 못했습니다: %s", "Progress could not be saved: %s")   \
  X(NoticeSaveFieldsDropped, "저장된 진행 상황에서 읽을 수 없는 항목(%s)은 버리고 나머지는 그대로 불러왔습니다. 원본은 백업해 두었습니다: %s", "Some entries of your saved progress could not be read (%s) and were dropped; everything else was kept. The original was kept as a backup: %s") \
  X(NoticeBackupFailed, "저장된 진행 상황을 백업하지 못했습니다. 이전 저장 내용을 지키기 위해 다시 열 때까지 진행 상황을 저장하지 않습니다.", "Your saved progress could not be backed up. To keep the old save, progress is not saved until you open the tutorial again.") \
  X(NoticeOtherSaveCorrupt, "다른 창에서 저장한 진행 상황을 읽을 수 없어 백업해 두고, 이 창의 진행 상황을 저장합니다. 백업: %s", "Progress saved from another window could not be read. It was kept as a backup, and this window's progress is saved. Backup: %s") \
  X(NoticeLessonErrors, "레슨 파일 %d개를 불러오지 못했습니다. 레슨 목록에서 자세히 볼 수 있습니다.", "%d lesson {file|files} could not be loaded; see the lesson list for details.") \
  X(AnnounceStep, "%s, 단계 %d / %d: %s. %s", "%s, step %d of %d: %s. %s")                         \
  X(AnnounceStepPassed, "단계 완료: %s", "Step complete: %s")                                      \
  X(AnnounceLessonDone, "레슨 완료: %s", "Lesson complete: %s")                                    \
  X(AnnounceGoalMet, "목표 달성: %s", "Goal met: %s")                                              \
  /* Outcomes */                                                                                   \
  X(OutOk, "정상", "ok")                                                                           \
  X(OutStaleRead, "오래된 데이터", "stale read")                                                   \
  X(OutCartLost, "장바구니 분실", "cart lost")                                                     \
  X(OutTamperAccepted, "변조된 쿠키 통과", "tampered cookie accepted")                             \
  X(OutCookieRejected, "쿠키 거부", "cookie rejected")                                             \
  X(OutDeniedBySg, "보안 그룹 거부", "denied by a security group")                                 \
  X(OutLbNodeUnreachable, "LB 노드에 닿지 못함", "LB node unreachable")                            \
  X(OutNoHealthyTarget, "정상 대상 없음", "no healthy target")                                     \
  X(OutTargetUnreachable, "대상에 닿지 못함", "target unreachable")                                \
  X(OutInstanceOverloaded, "인스턴스 과부하", "instance overloaded")                               \
  X(OutSessionStoreUnavailable, "세션 저장소 사용 불가", "session store unavailable")             \
  X(OutDbUnavailable, "DB 사용 불가", "database unavailable")                                      \
  X(OutDbTimeout, "DB 시간 초과", "database timeout")                                              \
  /* Request kinds */                                                                              \
  X(KindBrowse, "상품 둘러보기", "browse")                                                         \
  X(KindAddToCart, "장바구니 담기", "add to cart")                                                 \
  X(KindViewCart, "장바구니 보기", "view cart")                                                    \
  X(KindUpdateAddress, "주소 변경", "update address")                                              \
  X(KindCheckout, "결제", "checkout")                                                              \
  /* Instance and node states */                                                                   \
  X(StPending, "시작 중", "pending")                                                               \
  X(StInService, "서비스 중", "in service")                                                        \
  X(StUnhealthy, "비정상", "unhealthy")                                                            \
  X(StTerminated, "종료됨", "terminated")                                                          \
  X(CacheAvailable, "사용 가능", "available")                                                      \
  X(CacheFailingOver, "장애 조치 중", "failing over")                                              \
  X(CacheDown, "중단", "down")                                                                     \
  X(RolePrimary, "기본 인스턴스", "primary")                                                         \
  X(RoleStandby, "대기 인스턴스", "standby")                                                       \
  X(RoleReplica, "읽기 전용 복제본", "read replica")                                                    \
  X(RoleFailed, "장애", "failed")                                                                  \
  /* Components (trace hops) */                                                                   \
  X(CompBrowser, "브라우저", "browser")                                                            \
  X(CompRoute53, "Route 53", "Route 53")                                                           \
  X(CompLb, "로드 밸런서", "load balancer")                                                        \
  X(CompWeb, "웹 인스턴스", "web instance")                                                        \
  X(CompCache, "ElastiCache", "ElastiCache")                                                       \
  X(CompDynamo, "DynamoDB", "DynamoDB")                                                            \
  X(CompRdsPrimary, "RDS 주", "RDS primary")                                                       \
  X(CompRdsReplica, "RDS 복제본", "RDS replica")                                                   \
  /* Hop results */                                                                                \
  X(HopOk, "완료", "ok")                                                                           \
  X(HopResolved, "로드 밸런서 노드 주소를 응답", "answered with a load balancer node")             \
  X(HopRouted, "알고리즘으로 대상 선택", "picked a target by its algorithm")                       \
  X(HopStickyRouted, "AWSALB 쿠키대로 같은 대상", "same target, as the AWSALB cookie says")        \
  X(HopStickyRerouted, "쿠키의 대상이 없어 새 대상과 새 쿠키", "cookie's target gone: new target, new cookie") \
  X(HopSessionFound, "세션 찾음", "session found")                                                 \
  X(HopSessionNotFound, "세션 없음: 빈 세션을 새로 만듦", "session not found: a new empty one")    \
  X(HopSessionSaved, "세션 저장", "session saved")                                                 \
  X(HopCookieAccepted, "쿠키에서 장바구니 읽음", "cart read from the cookie")                      \
  X(HopCookieTampered, "변조된 쿠키를 그대로 믿음 (서명 없음)", "trusted an edited cookie (not signed)") \
  X(HopCookieBadSignature, "서명 불일치로 쿠키 거부", "cookie rejected: bad signature")            \
  X(HopCookieDropped, "4096바이트 초과: 브라우저가 새 쿠키를 버림", "over 4096 bytes: the browser dropped it") \
  X(HopCookieSet, "Set-Cookie 보냄", "sent Set-Cookie")                                            \
  X(HopCacheHit, "캐시 적중", "cache hit")                                                         \
  X(HopCacheMiss, "캐시 누락", "cache miss")                                                       \
  X(HopCacheSet, "캐시에 저장", "stored in the cache")                                             \
  X(HopCacheInvalidated, "캐시 키 무효화", "cache key invalidated")                                \
  X(HopDbRead, "DB 읽기", "database read")                                                         \
  X(HopDbReadStale, "복제본에서 오래된 값을 읽음", "read an old value from a replica")             \
  X(HopDbWrite, "DB 쓰기", "database write")                                                       \
  X(HopDenied, "보안 그룹이 연결을 거부", "a security group refused the connection")               \
  X(HopUnreachable, "닿지 못함", "unreachable")                                                    \
  X(HopOverloaded, "과부하", "overloaded")                                                         \
  X(HopUnavailable, "사용 불가", "unavailable")                                                    \
  X(HopTimeout, "시간 초과", "timed out")                                                          \
  X(HopNoTarget, "보낼 대상 없음", "no target")                                                    \
  /* Events */                                                                                     \
  X(EvInstanceLaunched, "%s 시작 (AZ %s)", "%s launched in AZ %s")                                 \
  X(EvInstanceInService, "%s 서비스 시작", "%s in service")                                        \
  X(EvInstanceUnhealthy, "%s 상태 확인 실패", "%s failed its health checks")                       \
  X(EvInstanceTerminated, "%s 종료 (%s): 세션 %u개 사라짐, 그중 장바구니 %u개", "%s terminated (%s): %u {session|sessions} lost, %u with a cart") \
  X(EvAzFailed, "AZ %s 장애", "AZ %s failed")                                                      \
  X(EvAzRestored, "AZ %s 복구", "AZ %s restored")                                                  \
  X(EvLbRemoved, "Route 53이 AZ %s의 LB 노드를 응답에서 뺌", "Route 53 stopped answering with the LB node in AZ %s") \
  X(EvLbAdded, "Route 53이 AZ %s의 LB 노드를 다시 응답", "Route 53 answers with the LB node in AZ %s again") \
  X(EvCacheNodeFailed, "AZ %s의 캐시 노드 장애 (키 %u개 사라짐)", "cache node in AZ %s failed (%u {key|keys} lost)") \
  X(EvCacheFailoverStarted, "캐시 장애 조치 시작: AZ %s → AZ %s", "cache failover started: AZ %s → AZ %s") \
  X(EvCacheFailoverCompleted, "캐시 장애 조치 완료: 새 기본 노드 AZ %s", "cache failover done: new primary in AZ %s") \
  X(EvCacheNodeRestored, "AZ %s의 캐시 노드 복구", "cache node in AZ %s restored")                 \
  X(EvRdsPrimaryFailed, "AZ %s의 RDS 기본 인스턴스 장애", "RDS primary in AZ %s failed")             \
  X(EvRdsPrimaryFailedStandby, "AZ %s의 RDS 기본 인스턴스 장애: 대기 인스턴스로 장애 조치", "RDS primary in AZ %s failed: failing over to the standby") \
  X(EvRdsFailoverCompleted, "RDS 장애 조치 완료: 새 기본 인스턴스 AZ %s (쓰기 중단 %s)", "RDS failover done: new primary in AZ %s (writes down for %s)") \
  X(EvRdsNodeRestored, "AZ %s의 RDS 노드 복구", "RDS node in AZ %s restored")                      \
  X(EvReplicaLag, "복제본 %d 지연 %s", "replica %d lag now %s")                                   \
  X(EvReplicaLagAll, "모든 복제본 지연 %s", "every replica's lag now %s")                          \
  X(EvReplicaPromoted, "복제본 %u을(를) 기본 인스턴스로 승격 (AZ %s): 쓰기 %u건 유실", "replica %u promoted in AZ %s: %u {write|writes} lost") \
  X(EvCapacity, "원하는 용량 %u → %u", "desired capacity %u → %u")                                 \
  X(EvSpikeStarted, "트래픽 급증 시작: %u%% (쇼핑객 %u명 추가)", "traffic spike: %u%% (%u extra {shopper|shoppers})") \
  X(EvSpikeEnded, "트래픽 급증 끝", "traffic spike over")                                          \
  X(EvCartLost, "장바구니 분실: %s (%u개 → %u개), %s", "cart lost: %s (%u {item|items} → %u), %s") \
  X(EvGaveUp, "%s이(가) 장바구니(%s)를 두고 떠남", "%s gave up, leaving a %s cart")                 \
  X(EvCookieTooLarge, "%s의 쿠키가 %u바이트: 브라우저가 버림", "%s's cookie is %u {byte|bytes}: the browser dropped it") \
  X(EvCookieRejected, "%s의 쿠키 거부: %s", "%s's cookie rejected: %s")                            \
  X(CookieErrNone, "문제 없음", "no problem")                                                      \
  X(CookieErrMalformed, "형식이 잘못됨", "malformed")                                              \
  X(CookieErrBadVersion, "알 수 없는 버전", "unknown version")                                     \
  X(CookieErrBadBase64, "base64 디코딩 실패", "bad base64")                                        \
  X(CookieErrBadLine, "장바구니 줄이 잘못됨", "bad cart line")                                     \
  X(CookieErrUnknownSku, "없는 상품", "unknown product")                                           \
  X(CookieErrTooManyLines, "줄이 너무 많음", "too many lines")                                     \
  X(CookieErrMissingSignature, "서명 없음", "missing signature")                                   \
  X(CookieErrBadSignature, "서명 불일치", "bad signature")                                         \
  X(AttackerLabel, "공격자", "Attacker")                                                           \
  X(SessionsShort, "세션 %u", "%u {session|sessions}")                                                       \
  X(EvTamperAccepted, "%s의 변조된 장바구니 통과 (%s 할인)", "%s's tampered cart accepted (%s off)") \
  X(EvConnectionDenied, "요청 #%llu 연결 거부: %s", "request #%llu denied: %s")                    \
  X(EvAttack, "외부에서 %s로 접속 시도: %s", "connection from the internet to %s: %s")             \
  X(EvSettingChanged, "설정 변경: %s", "setting changed: %s")                                     \
  X(EvCommandRejected, "명령 거부 (%s): %s", "command rejected (%s): %s")                          \
  X(RejectNoShopper, "그런 쇼핑객이 없습니다", "no such shopper")                                  \
  X(RejectNoInstance, "그 ID로 실행 중인 인스턴스가 없습니다", "no running instance with that id") \
  X(RejectNoCachePrimary, "캐시에 기본 노드가 없습니다", "the cache has no primary")               \
  X(RejectRdsDown, "RDS 기본 인스턴스가 이미 중단되었습니다", "the RDS primary is already down")   \
  X(FollowRequests, "요청 따라가기", "Follow a shopper's requests")                                \
  X(LossSessionNotFound, "다른 인스턴스로 가서 세션이 없음", "landed on another instance: no session") \
  X(LossInstanceGone, "세션을 가진 인스턴스가 사라짐", "the instance holding the session is gone")  \
  X(LossCacheDataLost, "캐시 노드와 함께 세션이 사라짐", "the session vanished with the cache node") \
  X(LossSessionExpired, "세션 만료", "the session expired")                                        \
  X(LossCookieDropped, "쿠키가 너무 커서 버려짐", "the cookie was too big and was dropped")        \
  X(LossStrategyChanged, "세션 저장 방식이나 저장소가 바뀌며 옛 세션이 사라짐", "the session strategy or store changed") \
  X(LossReplicationLag, "장애 조치 때 복제본에 아직 복제되지 않은 쓰기가 사라짐", "the failover lost a write the replica had not received yet") \
  X(EvCacheFailoverLost, "캐시 장애 조치 시작: AZ %s → AZ %s, 복제되지 않은 세션 쓰기 %u건 손실", "cache failover started: AZ %s → AZ %s; %u session {write|writes} not yet replicated {was|were} lost") \
  X(RejectNoCartCookie, "변조할 장바구니 쿠키가 없습니다", "no cart cookie to edit")               \
  X(RejectNoSessionCookie, "변조할 세션 쿠키가 없습니다", "no session cookie to edit")             \
  X(RejectNoReplica, "그런 읽기 전용 복제본이 없습니다", "no such read replica")                    \
  X(RejectNoReplicaUp, "그런 읽기 전용 복제본이 없거나 중단되었습니다", "no such read replica, or it is down") \
  X(CauseCommand, "직접 종료", "by hand")                                                          \
  X(CauseUnhealthy, "비정상", "unhealthy")                                                         \
  X(CauseScaleIn, "축소", "scale-in")                                                              \
  X(CauseRebalance, "AZ 재분배", "AZ rebalance")                                                   \
  X(TargetLb, "로드 밸런서", "the load balancer")                                                  \
  X(TargetInstance, "웹 인스턴스", "a web instance")                                               \
  X(TargetCache, "캐시", "the cache")                                                              \
  X(TargetDb, "데이터베이스", "the database")                                                      \
  X(Allowed, "허용", "allowed")                                                                    \
  X(Denied, "거부", "denied")                                                                      \
  X(ShopperNumber, "쇼핑객 #%u", "shopper #%u")                                                    \
  /* Moving progress between devices */ \
  X(ProgressMove, "다른 기기로 진행 상황 옮기기", "Move your progress to another device") \
  X(ProgressMoveHelp, "이 코드를 복사해 다른 기기의 튜토리얼에 붙여 넣으세요. 계정은 필요 없습니다. 가져오면 두 기기의 진행 상황이 합쳐지고, 어느 쪽에서든 마친 레슨은 완료로 남습니다.", "Copy this code and paste it into the tutorial on your other device; no account needed. Importing merges the two: a lesson finished on either device stays finished.") \
  X(ProgressCodeLabel, "내 진행 코드", "Your progress code") \
  X(ProgressImportLabel, "다른 기기의 코드", "A code from another device") \
  X(ProgressImport, "가져오기", "Import") \
  X(ProgressExportFile, "파일로 저장", "Save as a file") \
  X(ProgressImportFile, "파일에서 가져오기", "Import a file") \
  X(NoticeProgressFileSaved, "진행 코드를 파일로 저장했습니다: %s", "Your progress code was saved as a file: %s") \
  X(NoticeProgressFileFailed, "진행 코드 파일을 저장하지 못했습니다. 코드를 복사해 두세요.", "The progress file could not be saved; copy the code instead.") \
  X(NoticeProgressDropFile, "진행 코드 파일을 이 창에 끌어다 놓으면 가져옵니다.", "Drop a progress file on this window to import it.") \
  X(NoticeProgressImported, "진행 상황을 가져왔습니다. 새로 완료된 레슨 %d개, 모두 %d개가 완료입니다. 가져오기 전의 진행 상황은 백업해 두었습니다.", "Progress imported: %d more {lesson|lessons} completed, %d in all. Your progress from before was backed up.") \
  X(NoticeProgressCodeRefused, "진행 코드를 가져오지 않았습니다: %s. 지금의 진행 상황은 그대로입니다.", "The progress code was not imported: %s. Your progress is unchanged.") \
  X(ProgressCodeNotACode, "진행 코드가 아닙니다(SWL1-로 시작합니다)", "this is not a progress code (they start with SWL1-)") \
  X(ProgressCodeNewer, "더 새로운 버전의 튜토리얼에서 만든 코드입니다", "it was made by a newer version of the tutorial") \
  X(ProgressCodeDamaged, "코드가 손상되었습니다. 잘못 입력했거나 일부가 잘렸습니다", "the code is damaged: mistyped or cut short") \
  X(ProgressCodeOutOfRange, "튜토리얼이 저장하지 않는 값이 들어 있습니다", "it holds a value the tutorial does not save") \
  X(ProgressCodeTooLong, "코드가 너무 깁니다", "the code is too long") \
  /* Describe the diagram (screen readers) */                                                     \
  X(DescribeButton, "상태 읽어 주기", "Describe") \
  X(DescribeTip, "스택의 지금 상태를 화면 낭독기에 읽어 줍니다 (D 키)", "Reads the stack's current state to a screen reader (key D)") \
  /* Embedded in another page (web/embed.html) */ \
  X(OpenFullTutorial, "Stateful Web Lab에서 열기 ↗", "Open in Stateful Web Lab ↗") \
  X(OpenFullTutorialTip, "전체 튜토리얼을 새 탭에서 이 레슨과 단계로 엽니다", "Opens the whole tutorial in a new tab at this lesson and step") \
  X(EmbedStepPassed, "단계 완료! 다음 단계는 전체 튜토리얼에서 이어 가세요.", "Step complete! Go on to the next step in the whole tutorial.") \
  X(EmbedStepOnly, "여기서는 이 단계만 다룹니다. 다음 단계는 전체 튜토리얼에서 이어 가세요.", "This page shows only this step. Go on to the next one in the whole tutorial.") \
  X(NoticeEmbedElsewhere, "페이지에 삽입된 레슨에서는 다른 레슨이나 단계로 이동할 수 없습니다. 전체 튜토리얼에서 여세요.", "This embedded lesson cannot open another lesson or step. Open it in the whole tutorial.") \
  X(NoticeOpenFailed, "새 탭을 열 수 없습니다. 이 주소로 가세요: %s", "Could not open a new tab. Go to this address: %s") \
  X(DescAt, "%s 시점의 MyClothes.com입니다.", "MyClothes.com at %s.") \
  X(DescAzsUp, "사용 중인 AZ는 모두 정상입니다.", "Every AZ in use is up.") \
  X(DescAzsDown, "AZ %s에 장애가 났습니다.", "AZ %s is down.") \
  X(DescNoInstances, "서비스 중인 인스턴스가 없습니다.", "No instance is in service.") \
  X(DescInstancesInService, "서비스 중인 인스턴스(%d개): %s.", "Instances in service (%d): %s.") \
  X(DescInstancesInAz, "AZ %s에 %s", "AZ %s has %s") \
  X(DescInstancesUnhealthy, "상태 확인에 실패한 인스턴스: %s.", "Failing health checks: %s.") \
  X(DescInstancesStarting, "시작 중인 인스턴스: %d개.", "Instances starting: %d.") \
  X(DescInstancesTerminated, "최근 10분 동안 종료된 인스턴스: %s.", "Terminated in the last 10 minutes: %s.") \
  X(DescCartsInMemory, "장바구니는 각 인스턴스의 메모리에 있습니다.", "Carts live in each instance's memory.") \
  X(DescCartsInCookie, "장바구니는 쇼핑객의 쿠키에 있습니다.", "Carts live in each shopper's cookie.") \
  X(DescCartsInElastiCache, "장바구니는 세션 저장소(ElastiCache)에 있습니다.", "Carts live in the session store (ElastiCache).") \
  X(DescCartsInDynamoDb, "장바구니는 세션 저장소(DynamoDB)에 있습니다.", "Carts live in the session store (DynamoDB).") \
  X(DescStickinessOn, "로드 밸런서의 고정 세션이 켜져 있습니다.", "The load balancer's stickiness is on.") \
  X(DescNodeDown, "AZ %s(중단)", "AZ %s (down)") \
  X(DescPrimaryIn, "기본은 %s", "primary in %s") \
  X(DescReplicaIn, "복제본은 %s", "replica in %s") \
  X(DescStandbyIn, "대기 인스턴스는 %s", "standby in %s") \
  X(DescReadReplicaIn, "읽기 전용 복제본은 %s", "read replica in %s") \
  X(DescFailedIn, "실패한 노드는 %s", "failed node in %s") \
  X(DescNoPrimary, "기본 없음", "no primary") \
  X(DescFailingOver, "장애 조치 중", "failing over") \
  X(DescLastMinute, "최근 1분: 요청 %llu건, 오류 %llu건, 잃어버린 장바구니 %llu개.", "Last minute: %llu {request|requests}, %llu {error|errors}, %llu {cart|carts} lost.") \
  X(Alice, "앨리스", "Alice")                                                                      \
  /* What happened (story_text.cpp) */                                                              \
  X(StoryTitle, "무슨 일이 있었나", "What happened")                                                \
  X(StoryOpen, "무슨 일이 있었나", "What happened")                                                 \
  X(StoryNothing, "아직 이야기할 일이 없습니다.", "Nothing to tell yet.")                           \
  X(StoryClickTip, "줄을 누르면 그 구성 요소를 고르고 그 순간으로 되감습니다.", "Click a line to select its component and rewind to that moment.") \
  X(StoryMissed, "이벤트 %llu개는 읽기 전에 지나가 빠졌습니다", "%llu {event|events} passed before {it was|they were} read and {is|are} left out") \
  X(StoryStepOf, "단계 %d: %s", "Step %d: %s")                                                      \
  X(StoryInstanceLost, "%s 종료(%s)", "%s terminated (%s)")                                         \
  X(StoryZoneLost, "AZ %s 중단", "AZ %s failed")                                                    \
  X(StoryCacheLost, "ElastiCache 기본 노드 실패(AZ %s)", "ElastiCache primary failed (AZ %s)")       \
  X(StoryDbLost, "RDS 기본 인스턴스 실패(AZ %s)", "RDS primary failed (AZ %s)")                     \
  X(StorySetting, "%s 변경", "%s changed")                                                          \
  X(StorySpike, "쇼핑객이 %d%%로 급증", "a traffic spike to %d%%")                                  \
  X(StoryReplicaLag, "읽기 전용 복제본 %d의 복제 지연 %s", "read replica %d lagging %s")           \
  X(StoryReplicasLag, "읽기 전용 복제본 전체의 복제 지연 %s", "every read replica lagging %s")      \
  X(StoryReplicaPromoted, "읽기 전용 복제본 %d 승격", "read replica %d promoted")                   \
  X(StoryNoStickiness, "인스턴스 메모리에 둔 세션", "sessions kept in one instance's memory") \
  X(StoryBigCookie, "4,096바이트를 넘은 장바구니 쿠키", "cart cookies over 4,096 bytes")            \
  X(StoryIdle, "세션 유휴 시간 초과", "sessions idle past their timeout")                           \
  X(StoryStrategy, "세션을 옛 저장 위치에 둔 채 저장 방식을 바꿈", "sessions left behind in the old place")                           \
  X(StoryUnsigned, "서명 검사 없는 장바구니 쿠키", "cart cookies with no signature check")          \
  X(StoryEdited, "변조된 장바구니 쿠키", "edited cart cookies")                                     \
  X(StoryAttack, "인터넷에서 %s에 접속 시도", "connections from the internet to %s")                \
  X(StoryTargetTracking, "대상 추적", "target tracking")                                            \
  X(StoryMemorySessions, "메모리의 세션 %u개(장바구니 %u개)가 함께 사라짐", "its %u {session|sessions} in memory (%u {cart|carts}) went with it") \
  X(StoryCutOff, "인스턴스 %u대에 닿지 못함", "instances cut off: %u")                               \
  X(StoryCutOffNone, "그 AZ에는 웹 인스턴스가 없었음", "no web instance was in it")                   \
  X(StoryNoMemorySessions, "메모리에 세션이 없었음", "no session was in its memory")                 \
  X(StoryCutOffSessions, "인스턴스 %u대에 닿지 못함, 교체되며 세션 %u개 사라짐", "instances cut off: %u; %u {session|sessions} went with the replaced ones") \
  X(StoryCacheFailover, "복제본이 %s 만에 기본이 됨", "the replica took over in %s")                \
  X(StoryCacheFailoverLag, "복제본이 %s 만에 기본이 됨, 복제되지 않은 세션 쓰기 %u건 손실", "the replica took over in %s; %u session {write|writes} not yet replicated {was|were} lost") \
  X(StoryCacheDown, "복제본 없음: 세션 %u개가 사라지고 %s 동안 멈춤", "no replica: %u {session|sessions} lost, down for %s") \
  X(StoryCacheStillDown, "복제본 없음: 세션 %u개가 사라지고 아직 멈춤", "no replica: %u {session|sessions} lost, still down") \
  X(StoryDbFailover, "RDS가 %s 만에 장애 조치", "RDS failed over in %s")                            \
  X(StoryDbFailing, "RDS 장애 조치 중", "RDS failing over")                                         \
  X(StoryDbDown, "대기 인스턴스 없음: %s 동안 쓰기 불가", "no standby: no writes for %s")           \
  X(StoryDbStillDown, "대기 인스턴스 없음: 아직 쓰기 불가", "no standby: still no writes")          \
  X(StoryChange, "%s %s → %s", "%s %s → %s")                                                        \
  X(StoryTo, "%s → %s", "%s → %s")                                                                  \
  X(StoryWithin, "%s 만에", "in %s")                                                                \
  X(StoryNoMetric, "효과는 뒤이은 줄에서 드러남", "its effect shows in the lines after it")                             \
  X(StorySpikeP99, "p99 %s → 최악 %s, %s 동안", "p99 %s → worst %s, for %s")                       \
  X(StorySpikeP99Open, "p99 %s → 최악 %s, 진행 중", "p99 %s → worst %s, still on")                 \
  X(StoryLagFor, "%s 동안", "for %s")                                                               \
  X(StoryLagOpen, "아직 뒤처짐", "still behind")                                                    \
  X(StoryStandalone, "독립 기본 인스턴스가 됨", "it became a standalone primary")                   \
  X(StoryTrusted, "수정된 가격을 그대로 믿음", "the edited prices were trusted")                    \
  X(StoryRefused, "서명 검사로 거부", "refused by the signature check")                             \
  X(StorySecurityGroups, "보안 그룹이 판단", "security groups decided")                             \
  X(StoryDesired, "원하는 용량 %lld → %lld", "desired capacity %lld → %lld")                        \
  X(StoryCartsLost, "장바구니 %llu개 손실", "%llu {cart|carts} lost")                                      \
  X(StoryGaveUp, "쇼핑객 %llu명 이탈", "%llu {shopper|shoppers} gave up")                                     \
  X(StoryRevenueLost, "매출 %s 손실", "%s revenue lost")                                            \
  X(StoryErrors, "요청 %llu건 실패", "%llu {request|requests} failed")                                        \
  X(StoryAddressesLost, "주소 %llu건 손실", "%llu {address|addresses} lost")                                  \
  X(StoryWritesLost, "받지 못한 쓰기 %llu건 손실", "%llu {write|writes} it had not received {was|were} lost")     \
  X(StoryStaleReads, "오래된 읽기 %llu건", "%llu stale {read|reads}")                                      \
  X(StoryCookies, "쿠키 %llu개", "%llu {cookie|cookies}")                                                    \
  X(StoryAttempts, "%llu건 허용, %llu건 거부", "%llu allowed, %llu denied")                         \
  X(StoryAdjusted, "%llu번 조정", "adjusted %llu {time|times}")                                            \
  X(StoryNothingLost, "손실 없음", "nothing lost")                                                  \
  X(StoryMCacheHit, "캐시 적중률", "cache hit ratio")                                               \
  X(StoryMDbCpu, "기본 DB CPU", "primary DB CPU")                                                   \
  X(StoryMReplicaCpu, "가장 바쁜 복제본 CPU", "busiest replica CPU")                                \
  X(StoryMCartsLost, "초당 장바구니 손실", "carts lost per second")                                 \
  X(StoryMStale, "초당 오래된 읽기", "stale reads per second")                                      \
  X(StoryMInstances, "서비스 중 인스턴스", "instances in service")                                  \
  X(StoryMInstanceCpu, "인스턴스 CPU", "instance CPU")                                              \
  X(StoryMInstanceCpuMax, "가장 바쁜 인스턴스 CPU", "busiest instance CPU")                         \
  X(StoryMRps, "초당 요청", "requests per second")                                                  \
  X(StoryMP99, "p99 지연 시간", "p99 latency")                                                     \
  /* Theory beside the simulation (theory_view.cpp) */                                              \
  X(TheoryTitle, "이론과 측정", "Theory vs measured")                                               \
  X(TheoryOpen, "이론", "Theory")                                                                   \
  X(TheoryWindow, "예측은 현재 구성에서, 측정은 최근 %d초에서 구합니다. 줄을 누르면 공식이 보입니다.", "Predicted for the configuration now, measured over the last %d s. Click a row for its formula.") \
  X(TheoryPredicted, "예측", "Predicted")                                                           \
  X(TheoryMeasured, "측정", "Measured")                                                             \
  X(TheoryAgrees, "일치", "agrees")                                                                 \
  X(TheoryDiffers, "차이", "differs")                                                               \
  X(TheoryNotHere, "현재 구성에는 해당 없음", "not in this configuration")                          \
  X(TheoryTolerance, "허용 오차 ±%s", "tolerance ±%s")                                              \
  X(TheoryMiss, "요청이 다른 인스턴스에 닿을 확률", "Chance a request lands on another instance")  \
  X(TheoryRho, "인스턴스 사용률 ρ", "Instance utilisation ρ")                                      \
  X(TheoryWait, "인스턴스 대기열의 평균 대기", "Mean wait in an instance's queue")                  \
  X(TheoryReadShare, "기본 인스턴스가 받는 읽기 비율", "The primary's share of reads")              \
  X(TheoryHit, "지연 로딩의 캐시 적중률", "Lazy-loading cache hit ratio")                           \
  X(TheoryCookie, "4,096바이트 안에 드는 장바구니 줄 수", "Cart lines that fit in 4,096 bytes")     \
  X(TheoryMissHow, "라운드 로빈은 요청을 N개 인스턴스에 고르게 나눕니다. 세션이 없는 인스턴스에 닿으면 거기에 새 세션이 생기므로, 요청마다 새로 뽑는 것과 같습니다.", "Round robin spreads requests evenly over N instances. A miss makes a new session where it landed, so every request is a fresh draw.") \
  X(TheoryRhoHow, "λ: 인스턴스 하나가 받는 초당 요청, S: 요청 하나의 평균 CPU 시간, c: vCPU 수. 측정값은 인스턴스 평균 CPU입니다.", "λ: requests per second to one instance, S: a request's mean CPU time, c: vCPUs. Measured: the mean instance CPU.") \
  X(TheoryWaitHow, "이 모델에서는 코어 c개가 대기열 하나를 함께 비우므로 c배 빠른 서버 하나와 같습니다. 라운드 로빈은 인스턴스마다 N번째 요청을 보내 도착 간격이 포아송보다 고르므로(ca² = 1/N), 킹먼 근사식을 씁니다. cs²는 요청 종류별 CPU 시간의 변동입니다. 교과서의 M/G/c는 부하가 낮을 때 더 짧게 기다립니다.", "In this model c cores drain one shared queue: one server c times as fast. Round robin sends each instance every N-th request, so arrivals are more even than Poisson (ca² = 1/N): Kingman's approximation. cs² is the spread of CPU time over request kinds. The textbook M/G/c waits less at low load.") \
  X(TheoryReadShareHow, "분산 라우팅은 읽기를 기본 인스턴스와 살아 있는 읽기 전용 복제본 n개에 돌아가며 보냅니다.", "Spread routing rotates reads over the primary and the n read replicas that are up.") \
  X(TheoryHitHow, "키 하나를 초당 r번 고르게 읽고 TTL이 T이면, 캐시 누락 한 번 뒤에 만료 전까지 평균 r·T번 적중합니다. r은 초당 사용자 데이터 읽기를 사용 중인 키 수로 나눈 값입니다.", "A key read at a steady r per second with TTL T: after each miss, r·T hits on average before it expires. r is user-data reads per second over the keys in use.") \
  X(TheoryCookieHow, "cart=v1. 뒤에 base64url로 인코딩한 줄들(줄 사이에 |), 서명하면 마침표와 43자 HMAC이 붙습니다. L은 카탈로그의 평균 줄 길이입니다.", "cart=v1. then the lines in base64url (| between lines), and with signing a dot and a 43-character HMAC. L is the catalogue's mean line length.") \
  X(TheoryWhyFew, "아직 표본이 적습니다", "Too few samples yet")                                      \
  X(TheoryWhyFinite, "쇼핑객 수가 정해진 닫힌 집단이고 생각 시간이 있어, 도착이 포아송 분포보다 고릅니다", "A closed crowd with think times arrives more evenly than Poisson") \
  X(TheoryWhyBursty, "키 하나는 방문 한 번 동안 몰아서 읽힙니다. 공식은 고른 속도를 가정합니다", "A key is read in bursts, during one visit; the formula assumes a steady rate") \
  X(TheoryWhyOverloaded, "ρ ≥ 1: 대기열이 계속 자라 정상 상태가 없습니다", "ρ ≥ 1: the queue keeps growing; there is no steady state") \
  X(TheoryWhyTransient, "측정한 구간 안에서 구성이나 부하가 바뀌었습니다", "The configuration or the load changed within the window measured") \
  /* Keyboard shortcuts (shortcuts.cpp: the table; keys_view.cpp: the "?" overlay) */              \
  X(KeysButtonTip, "단축키 (? 키)", "Keyboard shortcuts (key ?)")                                  \
  X(KeysTitle, "단축키", "Keyboard shortcuts")                                                     \
  X(KeysMoveTitle, "키보드로 이동하기", "Moving around")                                           \
  X(KeysNote, "텍스트 입력란에 입력하는 동안에는 단축키가 동작하지 않습니다. 한글 입력 상태에서도 글자 키 단축키를 쓸 수 있습니다.", "Shortcuts do nothing while a text field is being typed in. Letter keys work in Hangul input mode too.") \
  X(KeysClose, "닫기", "Close")                                                                    \
  X(KeyPlayPause, "재생 / 일시정지", "Play / pause")                                               \
  X(KeyPlayPauseSpace, "재생 / 일시정지 (키보드 포커스가 아무 데도 없을 때)", "Play / pause (when nothing has the keyboard focus)") \
  X(KeyStepOnce, "시뮬레이션 1초 진행", "Advance the simulation one second")                       \
  X(KeySpeedDown, "속도 낮추기", "Slower")                                                         \
  X(KeySpeedUp, "속도 높이기", "Faster")                                                           \
  X(KeyNextStep, "다음 단계로 (마지막 단계에서는 레슨 마치기)", "Next step (on the last step: finish the lesson)") \
  X(KeyShowHint, "힌트 하나 더 보기", "Show the next hint")                                        \
  X(KeyDescribe, "스택의 지금 상태를 글로 읽어 주기 (화면 낭독기)", "Describe the stack in words (screen reader)") \
  X(KeyBackSecond, "1초 되감기", "Rewind one second")                                              \
  X(KeyForwardSecond, "1초 앞으로", "Forward one second")                                          \
  X(KeyBackTenSeconds, "10초 되감기", "Rewind ten seconds")                                        \
  X(KeyForwardTenSeconds, "10초 앞으로", "Forward ten seconds")                                    \
  X(KeyStepStart, "단계의 처음으로 되감기", "Rewind to the step's start")                         \
  X(KeyLive, "실시간으로 돌아가기", "Back to live")                                                \
  X(KeyNextPanel, "다음 영역으로 이동 (상단 막대, 레슨, 다이어그램, 타임라인, 설정…)", "Next panel (top bar, lesson, diagram, timeline, knobs…)") \
  X(KeyPreviousPanel, "이전 영역으로 이동", "Previous panel")                                      \
  X(KeyToggleKeys, "단축키 목록 열기 / 닫기", "Open or close the list of keys")                        \
  X(KeyCloseKeys, "단축키 목록 닫기", "Close the list of keys")                                           \
  X(NavKeyTab, "영역 안의 다음 항목으로 (Shift+Tab: 이전 항목)", "Next item in the panel (Shift+Tab: previous)") \
  X(NavKeyArrows, "영역 안에서 항목 사이를 이동, 슬라이더에서는 값 조절", "Move between items in the panel; on a slider, change the value") \
  X(NavKeyActivate, "포커스가 있는 버튼 누르기, 체크 상자 켜고 끄기, 목록 열기", "Press the focused button, tick a box, open a list") \
  /* What the design costs per month (cost_view.cpp) */                                            \
  X(CostTitle, "월 비용", "Cost per month")                                                        \
  X(CostOpen, "비용", "Cost")                                                                      \
  X(CostAsOf, "%s 온디맨드 요금, %s 기준. 한 달은 730시간(365일 × 24시간 ÷ 12)으로 셉니다.", "%s on-demand prices as of %s. A month is 730 hours (365 days × 24 hours ÷ 12).") \
  X(CostNoFile, "가격 파일을 읽지 못해 비용을 계산할 수 없습니다: %s", "The price file did not load, so nothing is priced: %s") \
  X(CostTotal, "가격이 있는 항목의 합계: 월 %s", "Priced lines: %s per month")                  \
  X(CostTotalUnpriced, "가격이 없는 항목 %d개는 합계에 넣지 않았습니다. AWS 출처에서 가격을 찾지 못한 항목은 어림하지 않습니다.", "%d {line has|lines have} no price and {is|are} left out of the total: a component with no AWS source is never estimated.") \
  X(CostEc2, "EC2 인스턴스", "EC2 instances")                                                     \
  X(CostAlbHours, "로드 밸런서(ALB) 시간", "Load balancer (ALB) hours")                         \
  X(CostAlbCapacity, "로드 밸런서 용량 단위(LCU)", "Load balancer capacity units (LCU)")         \
  X(CostElastiCache, "ElastiCache 노드", "ElastiCache nodes")                                      \
  X(CostRdsSingle, "RDS 기본 인스턴스(단일 AZ)", "RDS primary (Single-AZ)")                     \
  X(CostRdsMulti, "RDS 기본 인스턴스와 대기 인스턴스(Multi-AZ)", "RDS primary and standby (Multi-AZ)") \
  X(CostRdsReplicas, "RDS 읽기 전용 복제본", "RDS read replicas")                                \
  X(CostDynamoWrites, "DynamoDB 쓰기 요청 단위(온디맨드)", "DynamoDB write request units (on-demand)") \
  X(CostDynamoReads, "DynamoDB 읽기 요청 단위(온디맨드)", "DynamoDB read request units (on-demand)") \
  X(CostCrossAz, "AZ 간 데이터 전송", "Data transfer across AZs")                                \
  X(CostHours, "%s시간", "%s h")                                                                   \
  X(CostCountOf, "%s %d대", "%s × %d")                                                           \
  X(CostGbProcessed, "처리한 데이터 월 %s GB(요청만, 응답은 모델에 없음)", "%s GB a month processed (requests only; responses are not modelled)") \
  X(CostMillions, "월 %s백만 단위(요청 하나에 한 단위로 셈)", "%s million a month (one unit per request)") \
  X(CostGb, "월 %s GB(양방향 모두 과금)", "%s GB a month (charged in each direction)")            \
  X(CostRoundTrips, "다른 AZ의 ElastiCache·RDS 노드로 가는 왕복 초당 %s회", "%s round trips a second to an ElastiCache or RDS node in another AZ") \
  X(CostPerMonth, "월 %s", "%s a month")                                                           \
  X(CostNotUsed, "이 설계에는 없음", "not in this design")                                        \
  X(CostNoSource, "가격 없음: AWS 출처를 찾지 못함", "unpriced: no AWS source found")            \
  X(CostNoClass, "가격 없음: vCPU %d개인 인스턴스 클래스가 가격 파일에 없음", "unpriced: the price file names no instance class with %d {vCPU|vCPUs}") \
  X(CostNotMeasured, "가격 없음: 요금은 있지만 모델이 데이터 크기를 재지 않음", "unpriced: the rate is known, but the model gives this data no size") \
  X(CostSource, "출처(%s 확인): %s", "Source (checked %s): %s")                                   \
  X(CostRate, "요금 %s %s", "Rate %s %s")                                                         \
  X(CostLosesTitle, "이 설계가 잃는 것(이번 실행, 모델의 카운터)", "What the design loses (this run, from the model's counters)") \
  X(CostRevenueLost, "사라진 장바구니로 잃은 매출 %s, 이 속도라면 월 %s", "Revenue lost to vanished carts: %s, or %s a month at this rate") \
  X(CostRevenueLostShort, "사라진 장바구니로 잃은 매출 %s (월 단위 속도는 실행이 10분을 넘으면 보여 줍니다)", "Revenue lost to vanished carts: %s (a month's rate shows once the run passes 10 minutes)") \
  X(CostErrors, "실패한 요청 %s건(%s)", "Failed requests: %s (%s)")                                \
  X(CostSlow, "전체 p95 지연 %s, p99 %s", "Overall p95 latency %s, p99 %s")                       \
  X(CostLosesNote, "모델은 오류나 느린 페이지에는 금액을 매기지 않습니다. 매출은 잃은 장바구니에만 붙습니다.", "The model puts no price on an error or a slow page: only lost carts carry revenue.") \
  X(CostClass, "인스턴스 클래스", "Instance class")                                                \
  X(CostClassNone, "vCPU %d개인 클래스가 가격 파일에 없음", "none named for %d {vCPU|vCPUs} in the price file") \
  X(CompareCost, "월 비용 %s 대 %s", "cost per month %s vs %s")                                     \
  X(CompareCostUnpriced, "(가격이 있는 항목만, 가격 없는 항목 %d개 제외)", "(priced lines only; %d unpriced left out)")

namespace ui {

enum class S : uint16_t {
#define STATELAB_X(id, ko, en) id,
  STATELAB_UI_STRINGS(STATELAB_X)
#undef STATELAB_X
      Count_
};

struct StringEntry {
  const char* id;
  const char* ko;
  const char* en;
};

// The whole table, for tests.
const StringEntry* StringTable();
int StringCount();

const char* Tr(S id, sim::Lang lang);
// snprintf over Tr(id, lang), then ResolvePlurals; arguments must match the entry's conversions.
std::string FormatText(const char* format, ...);
// Each {one|other} becomes `one` if the nearest number before it in `text` is exactly 1, else
// `other`. Text without a well-formed {...|...} comes back unchanged.
std::string ResolvePlurals(std::string_view text);
template <class... Args>
std::string Fmt(sim::Lang lang, S id, Args... args) {
  return FormatText(Tr(id, lang), args...);
}

}  // namespace ui
